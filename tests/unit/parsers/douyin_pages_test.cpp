// douyin.detail_api, douyin.user_api and douyin.video_html verdicts, through PageParser and the
// platform's dispatching entry point.
#include "parsers/douyin/parse.hpp"
#include "parsers/html/script_data.hpp"
#include "parsers/parse.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei::parsers;  // NOLINT(google-build-using-namespace)

namespace {

ParseResult run(PageType type, const std::string& body) {
  return PageParser().parse({type, body, false, 200, "https://www.douyin.com/", "", {}, {}});
}

// A video page whose RENDER_DATA holds `store` (plain JSON, url-encoded here as the site does).
std::string video_page(const std::string& store) {
  std::string encoded;
  for (const unsigned char c : store) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    static constexpr char kHex[] = "0123456789ABCDEF";
    encoded +=
        keep ? std::string(1, static_cast<char>(c)) : std::string{'%', kHex[c >> 4], kHex[c & 15]};
  }
  REQUIRE(koubei::parsers::html::url_decode(encoded) == store);
  return R"(<html><body><script id="RENDER_DATA" type="application/json">)" + encoded +
         "</script></body></html>";
}

std::optional<std::int64_t> followers_of(const std::string& user) {
  const ParseResult r = run(PageType::kDouyinUserApi,
                            R"({"status_code":0,"user":{"sec_uid":"MS4wLjABAAAAx",)" + user + "}}");
  REQUIRE(r.verdict == Verdict::kOk);
  REQUIRE(r.authors.size() == 1);
  CHECK(r.items.empty());
  return r.authors[0].followers;
}

}  // namespace

TEST_CASE("douyin detail pages say not_found for hidden or missing videos", "[parsers][douyin]") {
  const auto [body, expected] = GENERATE(table<std::string, Verdict>({
      {R"({"status_code":0,"aweme_detail":null})", Verdict::kNotFound},
      {R"({"status_code":0})", Verdict::kNotFound},
      {R"({"status_code":0,"aweme_detail":{"aweme_id":"1","status":{"is_delete":true}}})",
       Verdict::kNotFound},
      {R"({"status_code":0,"aweme_detail":{"aweme_id":"1","status":{"is_prohibited":1}}})",
       Verdict::kNotFound},
      {R"({"status_code":0,"aweme_detail":{"aweme_id":"1","status":{"private_status":2}}})",
       Verdict::kNotFound},
      {R"({"status_code":0,"aweme_detail":{"aweme_id":"1","status":{"private_status":0}}})",
       Verdict::kOk},
      {R"({"aweme_detail":null})", Verdict::kUnrecognized},
      {R"({"status_code":0,"aweme_detail":"7574"})", Verdict::kUnrecognized},
      {R"({"status_code":0,"aweme_detail":{"desc":"no id"}})", Verdict::kUnrecognized},
  }));
  INFO(body);
  const ParseResult r = run(PageType::kDouyinDetailApi, body);
  CHECK(r.verdict == expected);
  CHECK(r.items.size() == (expected == Verdict::kOk ? 1U : 0U));
  CHECK(r.next.end);
}

TEST_CASE("douyin detail not_found names the filter reason", "[parsers][douyin]") {
  const ParseResult r = run(PageType::kDouyinDetailApi,
                            R"({"status_code":0,"aweme_detail":null,"filter_detail":)"
                            R"({"filter_reason":"status_deleted","detail_msg":"作品已删除"}})");
  CHECK(r.verdict == Verdict::kNotFound);
  CHECK(r.detail == "aweme_detail null: status_deleted 作品已删除");
}

TEST_CASE("douyin profile followers fall back from a zero or absent follower_count",
          "[parsers][douyin]") {
  CHECK(followers_of(R"("follower_count":1280345,"mplatform_followers_count":1352760)") == 1280345);
  CHECK(followers_of(R"("follower_count":0,"mplatform_followers_count":356000,)"
                     R"("max_follower_count":360000)") == 356000);
  CHECK(followers_of(R"("mplatform_followers_count":0,"max_follower_count":360000)") == 360000);
  CHECK(followers_of(R"("follower_count":0,"mplatform_followers_count":0)") == 0);
  CHECK_FALSE(followers_of(R"("nickname":"无粉丝数")").has_value());
}

TEST_CASE("douyin profiles give one author fact and no mention", "[parsers][douyin]") {
  const ParseResult r =
      run(PageType::kDouyinUserApi,
          R"({"status_code":0,"user":{"uid":"9","nickname":"蜀味源",)"
          R"("custom_verify":"","enterprise_verify_reason":"某某餐饮有限公司"}})");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(r.items.empty());
  REQUIRE(r.authors.size() == 1);
  CHECK(r.authors[0].id == "9");
  CHECK(r.authors[0].name == "蜀味源");
  CHECK(r.authors[0].verified_type == koubei::model::VerifiedType::kOrganization);
}

TEST_CASE("douyin profile pages without a user object are not_found or unrecognized",
          "[parsers][douyin]") {
  CHECK(run(PageType::kDouyinUserApi, R"({"status_code":0,"user":null})").verdict ==
        Verdict::kNotFound);
  CHECK(run(PageType::kDouyinUserApi, R"({"status_code":0})").verdict == Verdict::kUnrecognized);
  CHECK(run(PageType::kDouyinUserApi, R"({"user":null})").verdict == Verdict::kUnrecognized);
  CHECK(run(PageType::kDouyinUserApi, R"({"status_code":0,"user":{"nickname":"x"}})").verdict ==
        Verdict::kUnrecognized);
}

TEST_CASE("douyin video pages find aweme.detail under any top-level key", "[parsers][douyin]") {
  const std::string key = GENERATE(std::string("41"), std::string("c_12"), std::string("C_7"));
  const std::string store = R"({"_location":"/video/1","C_0":{"odin":{},"user":{}},")" + key +
                            R"(":{"aweme":{"statusCode":0,"detail":{"awemeId":"7574",)"
                            R"("desc":"a+b 100%"}}}})";
  const ParseResult r = run(PageType::kDouyinVideoHtml, video_page(store));
  REQUIRE(r.verdict == Verdict::kOk);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].mention.native_id == "7574");
  CHECK(r.items[0].mention.text == "a+b 100%");  // '+' is not a space in encodeURIComponent
}

TEST_CASE("douyin video pages without a detail are not_found only when the page says so",
          "[parsers][douyin]") {
  const auto [slot, expected] = GENERATE(table<std::string, Verdict>({
      {R"({"aweme":{"statusCode":0,"detail":null,"filterDetail":{"filterReason":"status_deleted"}}})",
       Verdict::kNotFound},
      {R"({"aweme":{"statusCode":2053,"detail":null}})", Verdict::kNotFound},
      {R"({"aweme":{"statusCode":8,"statusMsg":"用户未登录"}})", Verdict::kLoginRequired},
      {R"({"aweme":{"statusCode":0,"detail":null}})", Verdict::kUnrecognized},
      {R"({"videoDetail":{"awemeId":"1"}})", Verdict::kUnrecognized},
      {R"({"aweme":{"statusCode":0,"detail":{"desc":"no id"}}})", Verdict::kUnrecognized},
  }));
  INFO(slot);
  const ParseResult r = run(PageType::kDouyinVideoHtml, video_page(R"({"41":)" + slot + "}"));
  CHECK(r.verdict == expected);
  CHECK(r.items.empty());
}

TEST_CASE("douyin video pages without usable RENDER_DATA are never ok", "[parsers][douyin]") {
  CHECK(run(PageType::kDouyinVideoHtml, "<html><body><div id=\"root\"></div></body></html>")
            .verdict == Verdict::kUnrecognized);
  CHECK(run(PageType::kDouyinVideoHtml,
            R"(<script id="RENDER_DATA" type="application/json">%7B%22a%22%3A</script>)")
            .verdict == Verdict::kUnrecognized);
  CHECK(run(PageType::kDouyinVideoHtml, "<script>function _$jsvmprt(b,e,f){}</script>").verdict ==
        Verdict::kCaptcha);
  CHECK(run(PageType::kDouyinVideoHtml, "blocked").verdict == Verdict::kRateLimited);
}
