#include "crawler/requests/weibo_requests.hpp"

#include "crawler/requests/url_builder.hpp"

#include <cstdio>
#include <ctime>

namespace koubei::requests::weibo {
namespace {

RequestSpec get(parsers::PageType type, std::string url, std::string referer) {
  RequestSpec r;
  r.page_type = type;
  r.url = std::move(url);
  r.headers.emplace_back("Referer", std::move(referer));
  return r;
}

std::string origin(std::string_view base_url) {
  std::string o(base_url);
  while (!o.empty() && o.back() == '/') o.pop_back();
  return o + "/";
}

}  // namespace

RequestSpec search_api(std::string_view base_url, std::string_view keyword, std::uint32_t page,
                       SearchType type) {
  std::string containerid =
      "100103type=" + std::to_string(static_cast<int>(type)) + "&q=" + std::string(keyword);
  auto url = UrlBuilder(base_url, "/api/container/getIndex")
                 .param("containerid", containerid)
                 .param("page_type", "searchall")
                 .param("page", static_cast<long long>(page == 0 ? 1 : page))
                 .str();
  RequestSpec r = get(parsers::PageType::kWeiboSearchApi, std::move(url), origin(base_url));
  r.headers.emplace_back("Accept", "application/json, text/plain, */*");
  r.headers.emplace_back("X-Requested-With", "XMLHttpRequest");
  return r;
}

RequestSpec timeline_api(std::string_view base_url, std::string_view uid, std::string_view since_id) {
  UrlBuilder url(base_url, "/api/container/getIndex");
  url.param("containerid", "107603" + std::string(uid));
  if (!since_id.empty()) url.param("since_id", since_id);
  RequestSpec r = get(parsers::PageType::kWeiboTimelineApi, url.str(),
                      origin(base_url) + "u/" + std::string(uid));
  r.headers.emplace_back("Accept", "application/json, text/plain, */*");
  r.headers.emplace_back("X-Requested-With", "XMLHttpRequest");
  return r;
}

RequestSpec comments_api(std::string_view base_url, std::string_view mid, std::string_view cursor) {
  std::string_view max_id, max_id_type = "0";
  if (auto colon = cursor.find(':'); colon != std::string_view::npos) {
    max_id = cursor.substr(0, colon);
    max_id_type = cursor.substr(colon + 1);
  } else {
    max_id = cursor;
  }
  UrlBuilder url(base_url, "/comments/hotflow");
  url.param("id", mid).param("mid", mid);
  if (!max_id.empty() && max_id != "0") url.param("max_id", max_id);
  url.param("max_id_type", max_id_type.empty() ? "0" : max_id_type);
  RequestSpec r = get(parsers::PageType::kWeiboCommentsApi, url.str(),
                      origin(base_url) + "detail/" + std::string(mid));
  r.headers.emplace_back("Accept", "application/json, text/plain, */*");
  r.headers.emplace_back("X-Requested-With", "XMLHttpRequest");
  return r;
}

RequestSpec detail_html(std::string_view base_url, std::string_view mid) {
  return get(parsers::PageType::kWeiboDetailHtml,
             UrlBuilder(base_url, "/detail/" + percent_encode(mid)).str(), origin(base_url));
}

std::string timescope_value(const Timescope& window) {
  // s.weibo.com reads the hours as Beijing wall-clock time (UTC+8, no daylight saving).
  auto format = [](std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds + 8 * 3600);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d-%d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour);
    return std::string(buf);
  };
  return "custom:" + format(window.since_unix) + ":" + format(window.until_unix);
}

RequestSpec search_html(std::string_view web_url, std::string_view keyword, std::uint32_t page,
                        const Timescope& window) {
  UrlBuilder url(web_url, "/weibo");
  url.param("q", keyword).param("typeall", "1").param("suball", "1");
  if (window.since_unix > 0 && window.until_unix > window.since_unix) {
    // The colons stay literal, as the site's own pager writes them.
    std::string value = timescope_value(window);
    std::string encoded;
    for (char c : value) encoded += c == ':' ? std::string(":") : percent_encode(std::string_view(&c, 1));
    url.raw_param("timescope", encoded);
  }
  url.param("Refer", "g").param("page", static_cast<long long>(page == 0 ? 1 : page));
  RequestSpec r = get(parsers::PageType::kWeiboSearchHtml, url.str(), origin(web_url));
  r.headers.emplace_back("Accept", "text/html,application/xhtml+xml");
  return r;
}

}  // namespace koubei::requests::weibo
