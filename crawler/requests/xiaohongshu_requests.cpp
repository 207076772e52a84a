#include "crawler/requests/xiaohongshu_requests.hpp"

#include "crawler/requests/url_builder.hpp"

#include <algorithm>

namespace koubei::requests::xiaohongshu {
namespace {

constexpr std::string_view kImageFormats = "jpg,webp,avif";

std::string web_origin(std::string_view web_url) {
  std::string o(web_url);
  while (!o.empty() && o.back() == '/') o.pop_back();
  return o;
}

RequestSpec api(parsers::PageType type, std::string method, std::string url, std::string_view web_url) {
  RequestSpec r;
  r.page_type = type;
  r.method = std::move(method);
  r.url = std::move(url);
  r.signing = Signing::kXiaohongshu;
  r.headers.emplace_back("Accept", "application/json, text/plain, */*");
  r.headers.emplace_back("Origin", web_origin(web_url));
  r.headers.emplace_back("Referer", web_origin(web_url) + "/");
  return r;
}

RequestSpec post_json(parsers::PageType type, std::string url, std::string body,
                      std::string_view web_url) {
  RequestSpec r = api(type, "POST", std::move(url), web_url);
  r.headers.emplace_back("Content-Type", "application/json;charset=UTF-8");
  r.body = std::move(body);
  return r;
}

}  // namespace

std::string_view to_string(Sort s) {
  switch (s) {
    case Sort::kGeneral: return "general";
    case Sort::kTimeDescending: return "time_descending";
    case Sort::kPopularityDescending: return "popularity_descending";
  }
  return "general";
}

std::string make_search_id(std::uint64_t unix_ms, std::uint32_t random31) {
  // 128-bit arithmetic: the value is (ms << 64) + r, written in base 36 with digits 0-9a-z.
  __extension__ using U128 = unsigned __int128;
  U128 value = (static_cast<U128>(unix_ms) << 64) + random31;
  if (value == 0) return "0";
  std::string out;
  while (value > 0) {
    auto digit = static_cast<unsigned>(value % 36);
    out.push_back(static_cast<char>(digit < 10 ? '0' + digit : 'a' + digit - 10));
    value /= 36;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

RequestSpec search_api(std::string_view base_url, std::string_view web_url, std::string_view keyword,
                       std::uint32_t page, std::string_view search_id, Sort sort) {
  std::string body = "{\"keyword\":" + json_quote(keyword) +
                     ",\"page\":" + std::to_string(page == 0 ? 1 : page) +
                     ",\"page_size\":20,\"search_id\":" + json_quote(search_id) +
                     ",\"sort\":" + json_quote(to_string(sort)) + ",\"note_type\":0}";
  return post_json(parsers::PageType::kXiaohongshuSearchApi,
                   UrlBuilder(base_url, "/api/sns/web/v1/search/notes").str(), std::move(body), web_url);
}

RequestSpec feed_api(std::string_view base_url, std::string_view web_url, std::string_view note_id,
                     std::string_view xsec_token, std::string_view xsec_source) {
  std::string body = "{\"source_note_id\":" + json_quote(note_id) +
                     ",\"image_formats\":[\"jpg\",\"webp\",\"avif\"],\"extra\":{\"need_body_topic\":\"1\"}"
                     ",\"xsec_source\":" + json_quote(xsec_source) +
                     ",\"xsec_token\":" + json_quote(xsec_token) + "}";
  return post_json(parsers::PageType::kXiaohongshuFeedApi,
                   UrlBuilder(base_url, "/api/sns/web/v1/feed").str(), std::move(body), web_url);
}

RequestSpec note_html(std::string_view web_url, std::string_view note_id, std::string_view xsec_token,
                      std::string_view xsec_source) {
  RequestSpec r;
  r.page_type = parsers::PageType::kXiaohongshuNoteHtml;
  r.url = UrlBuilder(web_url, "/explore/" + percent_encode(note_id))
              .param("xsec_token", xsec_token)
              .param("xsec_source", xsec_source)
              .str();
  r.headers.emplace_back("Accept", "text/html,application/xhtml+xml");
  r.headers.emplace_back("Referer", web_origin(web_url) + "/");
  return r;
}

RequestSpec comments_api(std::string_view base_url, std::string_view web_url, std::string_view note_id,
                         std::string_view cursor, std::string_view xsec_token) {
  // The signer signs the query exactly as sent; the web client leaves the commas of
  // image_formats unescaped, so koubei does too.
  auto url = UrlBuilder(base_url, "/api/sns/web/v2/comment/page")
                 .param("note_id", note_id)
                 .param("cursor", cursor)
                 .param("top_comment_id", "")
                 .raw_param("image_formats", kImageFormats)
                 .param("xsec_token", xsec_token)
                 .str();
  return api(parsers::PageType::kXiaohongshuCommentsApi, "GET", std::move(url), web_url);
}

RequestSpec sub_comments_api(std::string_view base_url, std::string_view web_url,
                             std::string_view note_id, std::string_view root_comment_id,
                             std::string_view cursor, std::string_view xsec_token) {
  auto url = UrlBuilder(base_url, "/api/sns/web/v2/comment/sub/page")
                 .param("note_id", note_id)
                 .param("root_comment_id", root_comment_id)
                 .param("num", 10)
                 .param("cursor", cursor)
                 .raw_param("image_formats", kImageFormats)
                 .param("top_comment_id", "")
                 .param("xsec_token", xsec_token)
                 .str();
  return api(parsers::PageType::kXiaohongshuCommentsApi, "GET", std::move(url), web_url);
}

RequestSpec user_api(std::string_view base_url, std::string_view web_url, std::string_view user_id) {
  auto url = UrlBuilder(base_url, "/api/sns/web/v1/user/otherinfo").param("target_user_id", user_id).str();
  return api(parsers::PageType::kXiaohongshuUserApi, "GET", std::move(url), web_url);
}

}  // namespace koubei::requests::xiaohongshu
