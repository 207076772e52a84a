#include "parsers/douyin/aweme.hpp"
#include "parsers/model/mention_json.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei::parsers;          // NOLINT(google-build-using-namespace)
using namespace koubei::parsers::douyin;  // NOLINT(google-build-using-namespace)
using koubei::model::MediaType;

namespace {

// Maps one aweme object given as JSON text; the page is a douyin.detail_api page.
std::optional<ParsedItem> map(const std::string& aweme,
                              const AwemeKeys& keys,
                              ParseResult& result) {
  const PageInput page{PageType::kDouyinDetailApi, "", false, 200, "", "", {}, {}};
  const ParseLimits limits;
  json::JsonParser parser;
  json::element root;
  REQUIRE(parser.parse(aweme, false, root) == simdjson::SUCCESS);
  return map_aweme(Context{page, limits, parser}, root, keys, "aweme", result);
}

constexpr const char* kSnake = R"({
  "aweme_id": "7574312298765432101", "aweme_type": 0, "desc": "老火锅 #成都美食 #火锅",
  "create_time": 1795260730, "ip_label": "IP属地：四川",
  "author": {"uid": "93847261055", "sec_uid": "MS4wLjABAAAAq9", "nickname": "成都吃货小分队",
             "custom_verify": "美食自媒体", "enterprise_verify_reason": "", "follower_count": 1280345},
  "statistics": {"digg_count": 20481, "comment_count": 1356, "share_count": 897,
                 "collect_count": 4102, "play_count": 0},
  "text_extra": [{"hashtag_name": "成都美食"}, {"hashtag_name": "火锅"}, {"user_id": "1"}],
  "video": {"play_addr": {"url_list": ["https://v3-web.douyinvod.com/a/?br=1"]}}})";

constexpr const char* kCamel = R"({
  "awemeId": "7574312298765432101", "awemeType": 0, "desc": "老火锅 #成都美食 #火锅",
  "createTime": 1795260730, "ipLabel": "IP属地：四川",
  "authorInfo": {"uid": "93847261055", "secUid": "MS4wLjABAAAAq9", "nickname": "成都吃货小分队",
                 "customVerify": "美食自媒体", "enterpriseVerifyReason": "", "followerCount": 1280345},
  "stats": {"diggCount": 20481, "commentCount": 1356, "shareCount": 897, "collectCount": 4102,
            "playCount": 0},
  "textExtra": [{"hashtagName": "成都美食"}, {"hashtagName": "火锅"}, {"userId": "1"}],
  "video": {"playAddr": [{"src": "//v3-web.douyinvod.com/a/?br=1"}]},
  "seoInfo": {"ocrContent": "老火锅"}})";

}  // namespace

TEST_CASE("douyin snake_case and camelCase awemes map to the same record", "[parsers][douyin]") {
  ParseResult snake_result;
  ParseResult camel_result;
  const auto snake = map(kSnake, kSnakeAweme, snake_result);
  const auto camel = map(kCamel, kCamelAweme, camel_result);
  REQUIRE(snake.has_value());
  REQUIRE(camel.has_value());
  CHECK(koubei::model::to_json(snake->mention) == koubei::model::to_json(camel->mention));
  CHECK(snake_result.diagnostics.empty());
  CHECK(camel_result.diagnostics.empty());
  REQUIRE(camel_result.authors.size() == 1);
  CHECK(camel_result.authors[0].followers == 1280345);

  const auto& m = snake->mention;
  CHECK(m.id() == "douyin:video:7574312298765432101");
  CHECK(m.url == "https://www.douyin.com/video/7574312298765432101");
  CHECK(m.tags == std::vector<std::string>{"成都美食", "火锅"});
  CHECK(m.ip_location == "四川");
  CHECK_FALSE(m.metrics.views.has_value());  // play_count 0 is "not returned"
  REQUIRE(m.media.size() == 1);
  CHECK(m.media[0].url == "https://v3-web.douyinvod.com/a/?br=1");
}

TEST_CASE("douyin views are kept only when play_count is above zero", "[parsers][douyin]") {
  ParseResult result;
  const auto item = map(R"({"aweme_id":"1","statistics":{"play_count":5120,"digg_count":"1.2万"}})",
                        kSnakeAweme,
                        result);
  REQUIRE(item.has_value());
  CHECK(item->mention.metrics.views == 5120);
  CHECK(item->mention.metrics.likes == 12000);
}

TEST_CASE("douyin aweme_type 68 is an image post even without images", "[parsers][douyin]") {
  ParseResult result;
  const auto item = map(R"({"aweme_id":"7573998812345678901","aweme_type":68,"images":null,)"
                        R"("video":{"play_addr":{"url_list":["https://v3-web.douyinvod.com/s"]}}})",
                        kSnakeAweme,
                        result);
  REQUIRE(item.has_value());
  CHECK(item->mention.url == "https://www.douyin.com/note/7573998812345678901");
  CHECK(item->mention.media.empty());  // the slideshow video is not the post's media
}

TEST_CASE("douyin image posts list their images and ignore non-http addresses",
          "[parsers][douyin]") {
  ParseResult result;
  const auto item = map(R"({"awemeId":"9","images":[{"urlList":["//p3.douyinpic.com/a.webp"]},)"
                        R"({"urlList":["data:image/png;base64,xx","https://p3.douyinpic.com/b"]},)"
                        R"({"urlList":[]}]})",
                        kCamelAweme,
                        result);
  REQUIRE(item.has_value());
  REQUIRE(item->mention.media.size() == 2);
  CHECK(item->mention.media[0].type == MediaType::kImage);
  CHECK(item->mention.media[0].url == "https://p3.douyinpic.com/a.webp");
  CHECK(item->mention.media[1].url == "https://p3.douyinpic.com/b");
}

TEST_CASE("douyin awemes without a usable id are skipped with the reason", "[parsers][douyin]") {
  const std::string aweme = GENERATE(std::string(R"({"desc":"x"})"),
                                     std::string(R"({"aweme_id":""})"),
                                     std::string(R"({"aweme_id":"douyin:video:1"})"),
                                     std::string(R"({"aweme_id":"74 12"})"),
                                     std::string(R"({"aweme_id":1.5e18})"),
                                     std::string("[]"));
  ParseResult result;
  CHECK_FALSE(map(aweme, kSnakeAweme, result).has_value());
  CHECK(result.skipped == 1);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].where == "aweme");
  CHECK(result.diagnostics[0].reason == "missing or invalid aweme_id");
}

TEST_CASE("douyin degraded aweme fields become null with a diagnostic", "[parsers][douyin]") {
  ParseResult result;
  const auto item = map(R"({"aweme_id":"1","create_time":-5,"author":{"uid":"2"},)"
                        R"("statistics":{"digg_count":-3,"comment_count":"很多"}})",
                        kSnakeAweme,
                        result);
  REQUIRE(item.has_value());
  const auto& m = item->mention;
  CHECK_FALSE(m.created_at.has_value());
  CHECK_FALSE(m.created_at_precision.has_value());
  CHECK_FALSE(m.metrics.likes.has_value());
  CHECK_FALSE(m.metrics.comments.has_value());
  CHECK(m.author.id == "2");
  CHECK_FALSE(m.author.url.has_value());  // a profile URL needs the sec_uid
  CHECK(result.skipped == 0);
  REQUIRE(result.diagnostics.size() == 3);
  CHECK(result.diagnostics[0].where == "aweme.create_time");
  CHECK(result.diagnostics[1].where == "aweme.statistics.digg_count");
  CHECK(result.diagnostics[2].where == "aweme.statistics.comment_count");
}

TEST_CASE("douyin capped display counts set metrics_capped", "[parsers][douyin]") {
  ParseResult result;
  const auto item =
      map(R"({"aweme_id":"1","statistics":{"digg_count":"10w+"}})", kSnakeAweme, result);
  REQUIRE(item.has_value());
  CHECK(item->mention.metrics.likes == 100000);
  CHECK(item->mention.metrics_capped);
}
