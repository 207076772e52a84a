#include "crawler/requests/dianping_requests.hpp"
#include "crawler/requests/douyin_requests.hpp"
#include "crawler/requests/url_builder.hpp"
#include "crawler/requests/weibo_requests.hpp"
#include "crawler/requests/xiaohongshu_requests.hpp"
#include "parsers/url_query.hpp"

#include <catch2/catch.hpp>
#include <simdjson.h>
#include <string>

using namespace koubei::requests;
using koubei::parsers::PageType;

namespace {
std::string header(const RequestSpec& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<missing>";
}

// The body must be valid JSON: parse it and read one string field back.
std::string json_field(const std::string& body, const char* key) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(body).get(doc) == simdjson::SUCCESS);
  std::string_view value;
  REQUIRE(doc[key].get(value) == simdjson::SUCCESS);
  return std::string(value);
}
}  // namespace

TEST_CASE("percent-encoding keeps only unreserved bytes", "[crawler][requests]") {
  CHECK(percent_encode("aZ09-._~") == "aZ09-._~");
  CHECK(percent_encode("a b&c=d/,") == "a%20b%26c%3Dd%2F%2C");
  CHECK(percent_encode("华为") == "%E5%8D%8E%E4%B8%BA");
}

TEST_CASE("url builder joins base and path and keeps parameter order", "[crawler][requests]") {
  CHECK(UrlBuilder("http://127.0.0.1:8080/", "/a").param("x", "1").param("y", 2).str() ==
        "http://127.0.0.1:8080/a?x=1&y=2");
  CHECK(UrlBuilder("http://h", "a").raw_param("f", "jpg,webp").str() == "http://h/a?f=jpg,webp");
}

TEST_CASE("weibo search_api encodes the containerid once, as m.weibo.cn does", "[crawler][requests]") {
  auto r = weibo::search_api("https://m.weibo.cn", "华为 信号", 3);
  CHECK(r.page_type == PageType::kWeiboSearchApi);
  CHECK(r.method == "GET");
  CHECK(r.url ==
        "https://m.weibo.cn/api/container/getIndex?containerid=100103type%3D61%26q%3D%E5%8D%8E%E4%B8%BA"
        "%20%E4%BF%A1%E5%8F%B7&page_type=searchall&page=3");
  CHECK(r.signing == Signing::kNone);
  CHECK(header(r, "Referer") == "https://m.weibo.cn/");
  // What the parsers read back from the request URL.
  CHECK(koubei::parsers::query_param(r.url, "page") == std::optional<std::string>("3"));
}

TEST_CASE("weibo comments_api carries the parser's max_id cursor", "[crawler][requests]") {
  auto first = weibo::comments_api("http://127.0.0.1:9", "5012345678901234", "");
  CHECK(first.url == "http://127.0.0.1:9/comments/hotflow?id=5012345678901234&mid=5012345678901234"
                     "&max_id_type=0");
  CHECK(header(first, "Referer") == "http://127.0.0.1:9/detail/5012345678901234");
  auto next = weibo::comments_api("http://127.0.0.1:9", "501", "138:1");
  CHECK(next.url == "http://127.0.0.1:9/comments/hotflow?id=501&mid=501&max_id=138&max_id_type=1");
}

TEST_CASE("weibo timeline, detail and html search", "[crawler][requests]") {
  CHECK(weibo::timeline_api("https://m.weibo.cn", "1234", "").url ==
        "https://m.weibo.cn/api/container/getIndex?containerid=1076031234");
  CHECK(weibo::timeline_api("https://m.weibo.cn", "1234", "499").url ==
        "https://m.weibo.cn/api/container/getIndex?containerid=1076031234&since_id=499");
  CHECK(weibo::detail_html("https://m.weibo.cn", "501").url == "https://m.weibo.cn/detail/501");
  // 2026-11-20T00:00Z is 08:00 in Beijing; the window ends 24 h later.
  weibo::Timescope day{1795132800, 1795132800 + 86400};
  CHECK(weibo::timescope_value(day) == "custom:2026-11-20-8:2026-11-21-8");
  auto html = weibo::search_html("https://s.weibo.com", "华为", 2, day);
  CHECK(html.url == "https://s.weibo.com/weibo?q=%E5%8D%8E%E4%B8%BA&typeall=1&suball=1"
                    "&timescope=custom:2026-11-20-8:2026-11-21-8&Refer=g&page=2");
  CHECK(html.page_type == PageType::kWeiboSearchHtml);
}

TEST_CASE("xiaohongshu search_id is base36 of (ms << 64) + random", "[crawler][requests]") {
  CHECK(xiaohongshu::make_search_id(1763778000000ULL, 12345) == "2fmevyp3xagr01h3dcbw9");
  CHECK(xiaohongshu::make_search_id(0, 0) == "0");
}

TEST_CASE("xiaohongshu search is a signed JSON POST", "[crawler][requests]") {
  auto r = xiaohongshu::search_api("https://edith.xiaohongshu.com", "https://www.xiaohongshu.com",
                                   "华为 \"信号\"", 2, "abc");
  CHECK(r.method == "POST");
  CHECK(r.url == "https://edith.xiaohongshu.com/api/sns/web/v1/search/notes");
  CHECK(r.signing == Signing::kXiaohongshu);
  CHECK(r.path_and_query() == "/api/sns/web/v1/search/notes");
  CHECK(header(r, "Content-Type") == "application/json;charset=UTF-8");
  CHECK(header(r, "Origin") == "https://www.xiaohongshu.com");
  CHECK(json_field(r.body, "keyword") == "华为 \"信号\"");
  CHECK(json_field(r.body, "sort") == "time_descending");
  CHECK(r.body.find("\"page\":2,\"page_size\":20") != std::string::npos);
}

TEST_CASE("xiaohongshu follow-ups carry xsec_token", "[crawler][requests]") {
  const char* api = "http://127.0.0.1:1";
  const char* web = "http://127.0.0.1:2";
  auto feed = xiaohongshu::feed_api(api, web, "64f0", "tok=");
  CHECK(json_field(feed.body, "source_note_id") == "64f0");
  CHECK(json_field(feed.body, "xsec_token") == "tok=");
  auto html = xiaohongshu::note_html(web, "64f0", "tok=");
  CHECK(html.url == "http://127.0.0.1:2/explore/64f0?xsec_token=tok%3D&xsec_source=pc_search");
  CHECK(html.signing == Signing::kNone);
  auto comments = xiaohongshu::comments_api(api, web, "64f0", "c1", "tok");
  CHECK(comments.url == "http://127.0.0.1:1/api/sns/web/v2/comment/page?note_id=64f0&cursor=c1"
                        "&top_comment_id=&image_formats=jpg,webp,avif&xsec_token=tok");
  auto sub = xiaohongshu::sub_comments_api(api, web, "64f0", "r1", "", "tok");
  CHECK(sub.url == "http://127.0.0.1:1/api/sns/web/v2/comment/sub/page?note_id=64f0&root_comment_id=r1"
                   "&num=10&cursor=&image_formats=jpg,webp,avif&top_comment_id=&xsec_token=tok");
  CHECK(xiaohongshu::user_api(api, web, "u1").url ==
        "http://127.0.0.1:1/api/sns/web/v1/user/otherinfo?target_user_id=u1");
}

TEST_CASE("douyin search sorts by latest and pages by offset and search_id", "[crawler][requests]") {
  auto r = douyin::search_api("https://www.douyin.com", "https://www.douyin.com", "华为", 15, "LOG1");
  CHECK(r.signing == Signing::kDouyin);
  CHECK(r.url.rfind("https://www.douyin.com/aweme/v1/web/general/search/single/?device_platform=webapp"
                    "&aid=6383&channel=channel_pc_web&search_channel=aweme_general",
                    0) == 0);
  CHECK(koubei::parsers::query_param(r.url, "keyword") == std::optional<std::string>("华为"));
  CHECK(koubei::parsers::query_param(r.url, "offset") == std::optional<std::string>("15"));
  CHECK(koubei::parsers::query_param(r.url, "search_id") == std::optional<std::string>("LOG1"));
  CHECK(koubei::parsers::query_param(r.url, "filter_selected") ==
        std::optional<std::string>("{\"sort_type\":\"2\",\"publish_time\":\"0\"}"));
  CHECK(header(r, "Referer") == "https://www.douyin.com/search/%E5%8D%8E%E4%B8%BA?type=general");
  auto plain = douyin::search_api("https://www.douyin.com", "https://www.douyin.com", "x", 0, "",
                                  douyin::Sort::kComprehensive);
  CHECK_FALSE(koubei::parsers::query_param(plain.url, "filter_selected").has_value());
}

TEST_CASE("douyin detail, comments, replies, user and video page", "[crawler][requests]") {
  const char* b = "http://127.0.0.1:3";
  auto detail = douyin::detail_api(b, b, "7301");
  CHECK(koubei::parsers::query_param(detail.url, "aweme_id") == std::optional<std::string>("7301"));
  auto comments = douyin::comments_api(b, b, "7301", 40);
  CHECK(comments.url.find("/aweme/v1/web/comment/list/?") != std::string::npos);
  CHECK(koubei::parsers::query_param(comments.url, "cursor") == std::optional<std::string>("40"));
  auto replies = douyin::replies_api(b, b, "7301", "c9", 0);
  CHECK(koubei::parsers::query_param(replies.url, "item_id") == std::optional<std::string>("7301"));
  CHECK(koubei::parsers::query_param(replies.url, "comment_id") == std::optional<std::string>("c9"));
  auto user = douyin::user_api(b, b, "MS4wLjABAAAA");
  CHECK(koubei::parsers::query_param(user.url, "sec_user_id") ==
        std::optional<std::string>("MS4wLjABAAAA"));
  auto video = douyin::video_html(b, "7301");
  CHECK(video.url == "http://127.0.0.1:3/video/7301");
  CHECK(video.signing == Signing::kNone);
}

TEST_CASE("dianping page 1 is review_all itself, never /p1", "[crawler][requests]") {
  CHECK(dianping::reviews_html("http://www.dianping.com", "H1a2", 1).url ==
        "http://www.dianping.com/shop/H1a2/review_all");
  auto p3 = dianping::reviews_html("http://www.dianping.com", "H1a2", 3);
  CHECK(p3.url == "http://www.dianping.com/shop/H1a2/review_all/p3");
  CHECK(header(p3, "Referer") == "http://www.dianping.com/shop/H1a2");
}
