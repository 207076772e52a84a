#include "parsers/douyin/comments_api.hpp"
#include "parsers/parse.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei::parsers;  // NOLINT(google-build-using-namespace)

namespace {

constexpr std::string_view kListUrl =
    "https://www.douyin.com/aweme/v1/web/comment/list/?aweme_id=7574312298765432101&cursor=0";
constexpr std::string_view kReplyUrl =
    "https://www.douyin.com/aweme/v1/web/comment/list/reply/?item_id=7574312298765432101"
    "&comment_id=101&cursor=0";

ParseResult comments(const std::string& body, std::string_view url) {
  return PageParser().parse({PageType::kDouyinCommentsApi, body, false, 200, url, "", {}, {}});
}

ParseResult one_comment(const std::string& fields, std::string_view url) {
  return comments(R"({"status_code":0,"has_more":0,"comments":[{"cid":"202",)" + fields + "}]}",
                  url);
}

}  // namespace

TEST_CASE("douyin comment parents follow reply_to_reply_id, then the thread head",
          "[parsers][douyin]") {
  const auto [fields, url, parent] = GENERATE(table<std::string, std::string_view, std::string>({
      {R"("reply_id":"0","reply_to_reply_id":"0")", kListUrl, "douyin:video:7574312298765432101"},
      {R"("text":"no reply fields")", kListUrl, "douyin:video:7574312298765432101"},
      {R"("reply_id":"101","reply_to_reply_id":"0")", kListUrl, "douyin:comment:101"},
      {R"("reply_id":"101","reply_to_reply_id":"150")", kListUrl, "douyin:comment:150"},
      {R"("reply_id":"0")", kReplyUrl, "douyin:comment:101"},
      {R"("reply_id":"999")", kReplyUrl, "douyin:comment:101"},
      {R"("reply_id":"101","reply_to_reply_id":"150")", kReplyUrl, "douyin:comment:150"},
      {R"("reply_id":101)", kListUrl, "douyin:comment:101"},
  }));
  INFO(fields << " @ " << url);
  const ParseResult r = one_comment(fields, url);
  REQUIRE(r.items.size() == 1);
  const auto& m = r.items[0].mention;
  CHECK(m.parent_id == parent);
  CHECK(m.root_id == "douyin:video:7574312298765432101");
  CHECK(m.url == "https://www.douyin.com/video/7574312298765432101?comment_id=202");
}

TEST_CASE("douyin reply pages without a comment_id fall back to reply_id", "[parsers][douyin]") {
  const ParseResult r = one_comment(
      R"("reply_id":"101")",
      "https://www.douyin.com/aweme/v1/web/comment/list/reply/?item_id=7574312298765432101");
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].mention.parent_id == "douyin:comment:101");
}

TEST_CASE("douyin comment aweme_id wins over the request URL", "[parsers][douyin]") {
  const ParseResult r = one_comment(R"("aweme_id":"555","reply_id":"0")", kListUrl);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].mention.root_id == "douyin:video:555");
  CHECK(r.items[0].mention.parent_id == "douyin:video:555");
}

TEST_CASE("douyin comments without any aweme id are skipped", "[parsers][douyin]") {
  const ParseResult r =
      one_comment(R"("reply_id":"0")", "https://www.douyin.com/aweme/v1/web/comment/list/");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(r.items.empty());
  CHECK(r.skipped == 1);
}

TEST_CASE("douyin reply_comment_total is both the reply count and the replies to fetch",
          "[parsers][douyin]") {
  const ParseResult r = one_comment(R"("digg_count":356,"reply_comment_total":12)", kListUrl);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].more_replies == 12);
  CHECK(r.items[0].mention.metrics.comments == 12);
  CHECK(r.items[0].mention.metrics.likes == 356);
  CHECK_FALSE(r.items[0].mention.metrics.shares.has_value());

  const ParseResult none = one_comment(R"("digg_count":0)", kListUrl);
  REQUIRE(none.items.size() == 1);
  CHECK(none.items[0].more_replies == 0);
  CHECK_FALSE(none.items[0].mention.metrics.comments.has_value());
}

TEST_CASE("douyin comment pages without comments are empty only at the end of the list",
          "[parsers][douyin]") {
  const auto [body, expected] = GENERATE(table<std::string, Verdict>({
      {R"({"status_code":0,"comments":null,"has_more":0,"total":0})", Verdict::kEmpty},
      {R"({"status_code":0,"comments":[],"has_more":0})", Verdict::kEmpty},
      {R"({"status_code":0,"comments":null,"has_more":1,"cursor":20})", Verdict::kUnrecognized},
      {R"({"status_code":0,"has_more":0})", Verdict::kUnrecognized},
      {R"({"status_code":0,"comments":{"list":[]}})", Verdict::kUnrecognized},
      {R"({"comments":null,"has_more":0})", Verdict::kUnrecognized},
  }));
  INFO(body);
  const ParseResult r = comments(body, kListUrl);
  CHECK(r.verdict == expected);
  CHECK(r.next.end);
}

TEST_CASE("douyin comment pages continue with the cursor while has_more is 1",
          "[parsers][douyin]") {
  const ParseResult r = comments(
      R"({"status_code":0,"has_more":1,"cursor":40,"comments":[{"cid":"1","text":"好吃"}]})",
      kListUrl);
  CHECK(r.verdict == Verdict::kOk);
  CHECK_FALSE(r.next.end);
  CHECK(r.next.value == "40");
}
