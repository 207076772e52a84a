#include "crawler/requests/douyin_requests.hpp"

#include "crawler/requests/url_builder.hpp"

namespace koubei::requests::douyin {
namespace {

std::string web_origin(std::string_view web_url) {
  std::string o(web_url);
  while (!o.empty() && o.back() == '/') o.pop_back();
  return o;
}

// The parameters every web API call carries (MediaCrawler client.py common params).
UrlBuilder api_url(std::string_view base_url, std::string_view path) {
  UrlBuilder url(base_url, path);
  url.param("device_platform", "webapp").param("aid", "6383").param("channel", "channel_pc_web");
  return url;
}

RequestSpec api(parsers::PageType type, UrlBuilder& url, std::string referer) {
  url.param("version_code", "190600").param("version_name", "19.6.0").param("pc_client_type", 1);
  RequestSpec r;
  r.page_type = type;
  r.url = url.str();
  r.signing = Signing::kDouyin;
  r.headers.emplace_back("Accept", "application/json, text/plain, */*");
  r.headers.emplace_back("Referer", std::move(referer));
  return r;
}

}  // namespace

RequestSpec search_api(std::string_view base_url, std::string_view web_url, std::string_view keyword,
                       std::uint64_t offset, std::string_view search_id, Sort sort,
                       PublishWithin within) {
  std::string filter = "{\"sort_type\":\"" + std::to_string(static_cast<int>(sort)) +
                       "\",\"publish_time\":\"" + std::to_string(static_cast<int>(within)) + "\"}";
  bool filtered = sort != Sort::kComprehensive || within != PublishWithin::kAny;
  auto url = api_url(base_url, "/aweme/v1/web/general/search/single/");
  url.param("search_channel", "aweme_general")
      .param("enable_history", 1)
      .param("keyword", keyword)
      .param("search_source", "tab_search")
      .param("query_correct_type", 1)
      .param("is_filter_search", filtered ? 1 : 0)
      .param("offset", static_cast<long long>(offset))
      .param("count", 15)
      .param("need_filter_settings", 1)
      .param("list_type", "multi")
      .param("search_id", search_id);
  if (filtered) url.param("filter_selected", filter);
  return api(parsers::PageType::kDouyinSearchApi, url,
             web_origin(web_url) + "/search/" + percent_encode(keyword) + "?type=general");
}

RequestSpec detail_api(std::string_view base_url, std::string_view web_url, std::string_view aweme_id) {
  auto url = api_url(base_url, "/aweme/v1/web/aweme/detail/");
  url.param("aweme_id", aweme_id);
  return api(parsers::PageType::kDouyinDetailApi, url,
             web_origin(web_url) + "/video/" + percent_encode(aweme_id));
}

RequestSpec comments_api(std::string_view base_url, std::string_view web_url, std::string_view aweme_id,
                         std::uint64_t cursor) {
  auto url = api_url(base_url, "/aweme/v1/web/comment/list/");
  url.param("aweme_id", aweme_id)
      .param("cursor", static_cast<long long>(cursor))
      .param("count", 20)
      .param("item_type", 0);
  return api(parsers::PageType::kDouyinCommentsApi, url,
             web_origin(web_url) + "/video/" + percent_encode(aweme_id));
}

RequestSpec replies_api(std::string_view base_url, std::string_view web_url, std::string_view aweme_id,
                        std::string_view comment_id, std::uint64_t cursor) {
  auto url = api_url(base_url, "/aweme/v1/web/comment/list/reply/");
  url.param("item_id", aweme_id)
      .param("comment_id", comment_id)
      .param("cursor", static_cast<long long>(cursor))
      .param("count", 20)
      .param("item_type", 0);
  return api(parsers::PageType::kDouyinCommentsApi, url,
             web_origin(web_url) + "/video/" + percent_encode(aweme_id));
}

RequestSpec user_api(std::string_view base_url, std::string_view web_url, std::string_view sec_user_id) {
  auto url = api_url(base_url, "/aweme/v1/web/user/profile/other/");
  url.param("sec_user_id", sec_user_id)
      .param("publish_video_strategy_type", 2)
      .param("personal_center_strategy", 1);
  return api(parsers::PageType::kDouyinUserApi, url,
             web_origin(web_url) + "/user/" + percent_encode(sec_user_id));
}

RequestSpec video_html(std::string_view web_url, std::string_view aweme_id) {
  RequestSpec r;
  r.page_type = parsers::PageType::kDouyinVideoHtml;
  r.url = UrlBuilder(web_url, "/video/" + percent_encode(aweme_id)).str();
  r.headers.emplace_back("Accept", "text/html,application/xhtml+xml");
  r.headers.emplace_back("Referer", web_origin(web_url) + "/");
  return r;
}

}  // namespace koubei::requests::douyin
