#include "parsers/douyin/search_api.hpp"
#include "parsers/parse.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei::parsers;  // NOLINT(google-build-using-namespace)

namespace {

ParseResult search(const std::string& body) {
  return PageParser().parse({PageType::kDouyinSearchApi, body, false, 200, "", "", {}, {}});
}

std::string aweme(const std::string& id) {
  return R"({"aweme_id":")" + id +
         R"(","desc":"火锅","create_time":1795260730,)"
         R"("author":{"uid":"1","sec_uid":"MS4wLjABAAAAx"},"statistics":{"digg_count":1}})";
}

std::vector<std::string> ids_of(const ParseResult& r) {
  std::vector<std::string> ids;
  for (const auto& item : r.items) {
    ids.push_back(item.mention.native_id);
  }
  return ids;
}

}  // namespace

TEST_CASE("douyin search yields the awemes of all four variants once each, in page order",
          "[parsers][douyin]") {
  const std::string body = R"({"status_code":0,"has_more":1,"cursor":20,"data":[)"
                           R"({"aweme_info":)" +
                           aweme("11") +
                           "},"
                           R"({"aweme_mix_info":{"mix_items":[)" +
                           aweme("22") + "," + aweme("11") +
                           "]}},"
                           R"({"card_info":{"attached_info":{"aweme_list":[)" +
                           aweme("33") +
                           "]}}},"
                           R"({"user_list":[{"user_info":{"uid":"9","nickname":"x"},"items":[)" +
                           aweme("44") + "," + aweme("22") +
                           "]}]},"
                           R"({"type":16,"lives":{}}]})";
  const ParseResult r = search(body);
  CHECK(r.verdict == Verdict::kOk);
  CHECK(ids_of(r) == std::vector<std::string>{"11", "22", "33", "44"});
  CHECK(r.skipped == 0);
  // The aweme author (sec_uid) and the user card's uid-only user.
  REQUIRE(r.authors.size() == 2);
  CHECK(r.authors[0].id == "MS4wLjABAAAAx");
  CHECK(r.authors[1].id == "9");
}

TEST_CASE("douyin search continues with the cursor only while has_more is set",
          "[parsers][douyin]") {
  const auto [paging, expected] = GENERATE(table<std::string, std::string>({
      {R"("has_more":1,"cursor":20)", "20"},
      {R"("has_more":true,"cursor":"35")", "35"},
      {R"("has_more":0,"cursor":20)", "end"},
      {R"("has_more":false,"cursor":20)", "end"},
      {R"("cursor":20)", "end"},
      {R"("has_more":1)", "end"},
  }));
  const ParseResult r =
      search(R"({"status_code":0,)" + paging + R"(,"data":[{"aweme_info":)" + aweme("11") + "}]}");
  INFO(paging);
  CHECK(r.verdict == Verdict::kOk);
  CHECK((r.next.end ? std::string("end") : r.next.value) == expected);
  if (paging == R"("has_more":1)") CHECK(r.diagnostics.size() == 1);
}

TEST_CASE("douyin search carries extra.logid as the session of a continuing cursor",
          "[parsers][douyin]") {
  const std::string rows = R"(,"data":[{"aweme_info":)" + aweme("11") + "}]";
  const ParseResult more = search(R"({"status_code":0,"has_more":1,"cursor":15,)"
                                  R"("extra":{"logid":"20261122ABCD"})" + rows + "}");
  CHECK(more.next.value == "15");
  CHECK(more.next.session == "20261122ABCD");
  const ParseResult last = search(R"({"status_code":0,"has_more":0,"cursor":15,)"
                                  R"("extra":{"logid":"20261122ABCD"})" + rows + "}");
  CHECK(last.next.end);
  CHECK(last.next.session.empty());
  const ParseResult without = search(R"({"status_code":0,"has_more":1,"cursor":15)" + rows + "}");
  CHECK(without.next.value == "15");
  CHECK(without.next.session.empty());
}

TEST_CASE("douyin search without rows is judged by search_nil_info and has_more",
          "[parsers][douyin]") {
  const auto [tail, expected] = GENERATE(table<std::string, Verdict>({
      {R"("data":[],"has_more":0})", Verdict::kEmpty},
      {R"("data":null,"has_more":0})", Verdict::kEmpty},
      {R"("data":[],"has_more":0,"search_nil_info":{}})", Verdict::kEmpty},
      {R"("data":[],"has_more":0,"search_nil_info":{"search_nil_type":"no_result"}})",
       Verdict::kEmpty},
      {R"("data":[],"search_nil_info":{"search_nil_type":"verify_check"}})", Verdict::kCaptcha},
      {R"("data":[],"search_nil_info":{"search_nil_item":"verify_check"}})", Verdict::kCaptcha},
      {R"("search_nil_info":{"search_nil_type":"verify_check"}})", Verdict::kCaptcha},
      {R"("data":[],"search_nil_info":{"search_nil_type":"login"}})", Verdict::kLoginRequired},
      {R"("data":[],"search_nil_info":{"search_nil_type":"params_check"}})",
       Verdict::kSignatureRejected},
      {R"("data":[],"search_nil_info":{"search_nil_type":"antispam_check","search_nil_item":"hit_shark"}})",
       Verdict::kRateLimited},
      {R"("data":[],"has_more":0,"search_nil_info":{"search_nil_type":"brand_new_gate"}})",
       Verdict::kUnrecognized},
      {R"("data":[],"has_more":1,"cursor":10})", Verdict::kUnrecognized},
      {R"("has_more":0})", Verdict::kUnrecognized},
      {R"("data":{"items":[]}})", Verdict::kUnrecognized},
  }));
  INFO(tail);
  const ParseResult r = search(R"({"status_code":0,)" + tail);
  CHECK(r.verdict == expected);
  CHECK(r.next.end);
  CHECK(r.items.empty());
}

TEST_CASE("douyin search reads an empty data array without status_code as unrecognized",
          "[parsers][douyin]") {
  CHECK(search(R"({"data":[],"has_more":0})").verdict == Verdict::kUnrecognized);
}

TEST_CASE("douyin search rows win over a nil reason", "[parsers][douyin]") {
  const ParseResult r =
      search(R"({"status_code":0,"has_more":0,"data":[{"aweme_info":)" + aweme("11") +
             R"(}],"search_nil_info":{"search_nil_type":"verify_check"}})");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(r.items.size() == 1);
}

TEST_CASE("douyin search skips an unreadable aweme and keeps the page", "[parsers][douyin]") {
  const ParseResult r = search(
      R"({"status_code":0,"data":[{"aweme_info":{"desc":"no id"}},{"aweme_info":{"aweme_id":"7:1"}},)"
      R"({"aweme_info":)" +
      aweme("11") + "}]}");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(ids_of(r) == std::vector<std::string>{"11"});
  CHECK(r.skipped == 2);
  REQUIRE(r.diagnostics.size() >= 2);
  CHECK(r.diagnostics[0].where == "data[0].aweme_info");
  CHECK(r.diagnostics[1].where == "data[1].aweme_info");
}

TEST_CASE("douyin search with elements but no aweme variant is a layout change",
          "[parsers][douyin]") {
  const ParseResult r = search(R"({"status_code":0,"has_more":1,"cursor":10,"data":[{"type":1,)"
                               R"("aweme_struct":{"aweme_id":"11"}}]})");
  CHECK(r.verdict == Verdict::kUnrecognized);
  CHECK(r.next.end);
}
