#include "parsers/model/mention_json.hpp"

#include <catch2/catch.hpp>
#include <simdjson.h>

#include <filesystem>
#include <string>
#include <vector>

#include "parsers/model/timestamp.hpp"
#include "tests/support/schema_check.hpp"
#include "tests/support/temp_dir.hpp"

namespace km = koubei::model;

namespace {

km::Timestamp at(const char* rfc3339) { return *km::parse_rfc3339(rfc3339); }

// A record with every optional field filled.
km::Mention full_record() {
  km::Mention m;
  m.platform = km::Platform::kWeibo;
  m.kind = km::Kind::kComment;
  m.native_id = "5012345678901234";
  m.url = "https://m.weibo.cn/detail/5012345678901234";
  m.parent_id = "weibo:post:5012345678900000";
  m.root_id = "weibo:post:5012345678900000";
  m.title = "标题";
  m.text = "信号太差了[怒]\n#华为#";
  m.lang = "zh-Hans";
  m.tags = {"华为"};
  m.media = {{km::MediaType::kImage, "https://wx1.sinaimg.cn/large/a.jpg"},
             {km::MediaType::kVideo, "https://f.video.weibocdn.com/b.mp4"}};
  m.rating = 4.5;
  m.target = km::Target{"H1x2y3", "海底捞(国贸店)"};
  m.created_at = at("2026-11-22T02:00:00Z");
  m.created_at_precision = km::Precision::kSecond;
  m.fetched_at = at("2026-11-22T02:05:00.123Z");
  m.author = {"1234567890", "用户A", "https://m.weibo.cn/u/1234567890", 1200000, true,
              km::VerifiedType::kPersonal};
  m.metrics = {1000000, 20, 3, 0, 99};
  m.metrics_capped = true;
  m.ip_location = "北京";
  m.query = km::QueryMatch{"huawei-signal", {"华为", "信号"}};
  m.source = {"weibo.comments_api", "https://m.weibo.cn/comments/hotflow?id=1&mid=1"};
  m.influence = {71.25, km::Tier::kHead, 90000, "koubei.kol.v1", false};
  m.sentiment = km::Sentiment{km::SentimentLabel::kNegative, -0.8, "koubei.lexicon.v1"};
  return m;
}

// A record with every nullable field null and every array empty.
km::Mention minimal_record() {
  km::Mention m;
  m.platform = km::Platform::kXiaohongshu;
  m.kind = km::Kind::kNote;
  m.native_id = "6543a1b2c3d4e5f6a7b8c9d0";
  m.url = "https://www.xiaohongshu.com/explore/6543a1b2c3d4e5f6a7b8c9d0";
  m.text = "";
  m.fetched_at = at("2026-11-22T02:05:00Z");
  m.source = {"xiaohongshu.search_api", std::nullopt};
  return m;
}

// Every enum value and every awkward text, one record each, so the validator sees them all.
std::vector<km::Mention> table() {
  std::vector<km::Mention> records{full_record(), minimal_record()};
  const km::Platform platforms[] = {km::Platform::kWeibo, km::Platform::kXiaohongshu,
                                    km::Platform::kDouyin, km::Platform::kDianping};
  const km::Kind kinds[] = {km::Kind::kPost, km::Kind::kNote, km::Kind::kVideo, km::Kind::kComment,
                            km::Kind::kReview};
  const km::Precision precisions[] = {km::Precision::kSecond, km::Precision::kMinute,
                                      km::Precision::kDay};
  const km::VerifiedType verified[] = {km::VerifiedType::kPersonal, km::VerifiedType::kOrganization,
                                       km::VerifiedType::kGovernment, km::VerifiedType::kMedia,
                                       km::VerifiedType::kNone};
  const km::Tier tiers[] = {km::Tier::kHead, km::Tier::kMid, km::Tier::kTail, km::Tier::kKoc,
                            km::Tier::kOrdinary};
  const km::SentimentLabel labels[] = {km::SentimentLabel::kNegative, km::SentimentLabel::kNeutral,
                                       km::SentimentLabel::kPositive};
  const std::string texts[] = {
      "quote \" backslash \\ slash / done",
      "control \x01\x02\x1f bell \a tab \t cr \r nl \n ff \f bs \b del \x7f",
      "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇨🇳",
      "4-byte 𠀀𪚥 and BMP 华为 ½",
      "invalid utf8: \xff\xfe \xc3\x28 \xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 end",
      "literal U+FFFD \xef\xbf\xbd and U+2028 \xe2\x80\xa8 U+2029 \xe2\x80\xa9",
      "</script><script>alert(1)</script> & &amp; <b>html</b>",
      std::string(5000, 'x'),
  };
  for (std::size_t i = 0; i < 16; ++i) {
    km::Mention m = full_record();
    m.platform = platforms[i % 4];
    m.kind = kinds[i % 5];
    m.native_id = "id" + std::to_string(i);
    m.source.page_type = std::string(km::to_string(m.platform)) + ".search_api";
    m.created_at_precision = precisions[i % 3];
    m.author.verified_type = verified[i % 5];
    m.author.verified = verified[i % 5] != km::VerifiedType::kNone;
    m.influence.tier = tiers[i % 5];
    m.sentiment->label = labels[i % 3];
    m.text = texts[i % 8];
    m.title = texts[(i + 3) % 8];
    m.tags = {texts[(i + 1) % 8]};
    m.author.name = texts[(i + 2) % 8];
    m.media[0].type = (i % 2 != 0) ? km::MediaType::kVideo : km::MediaType::kImage;
    records.push_back(m);
  }
  km::Mention edges = minimal_record();
  edges.rating = 0;
  edges.influence = {100, std::nullopt, std::nullopt, "koubei.kol.v1+custom", true};
  edges.sentiment = km::Sentiment{km::SentimentLabel::kPositive, 1, "koubei.lexicon.v1"};
  edges.target = km::Target{std::nullopt, std::nullopt};
  edges.query = km::QueryMatch{"q", {}};
  edges.author.verified = false;
  records.push_back(edges);
  return records;
}

}  // namespace

TEST_CASE("every record of the table validates against the mention.v1 schema", "[parsers][model]") {
  koubei::test::TempDir dir;
  std::string lines;
  const auto records = table();
  for (const auto& m : records) {
    REQUIRE(km::check_mention(m).empty());
    const std::string line = km::to_json(m);
    REQUIRE(line.find('\n') == std::string::npos);
    lines += line + "\n";
  }
  koubei::test::write_file(dir / "records.jsonl", lines);
  std::string output;
  const int code = koubei::test::validate_jsonl(dir / "records.jsonl", output);
  INFO(output);
  REQUIRE(code == 0);
  REQUIRE(output.find(std::to_string(records.size()) + " records valid") != std::string::npos);
}

TEST_CASE("the schema validator rejects a record that breaks the schema", "[parsers][model]") {
  // Guards the test above: a validator that accepted everything would make it worthless.
  koubei::test::TempDir dir;
  std::string line = km::to_json(minimal_record());
  line.replace(line.find("\"metrics_capped\":false"), 22, "\"metrics_capped\":\"no\"");
  koubei::test::write_file(dir / "bad.jsonl", line + "\n");
  std::string output;
  REQUIRE(koubei::test::validate_jsonl(dir / "bad.jsonl", output) == 1);
  REQUIRE(output.find("metrics_capped") != std::string::npos);
}

TEST_CASE("the record writer round-trips every field through a JSON parser", "[parsers][model]") {
  const km::Mention m = full_record();
  simdjson::dom::parser parser;
  const simdjson::padded_string json(km::to_json(m));
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
  CHECK(std::string_view(doc["schema"]) == "koubei.mention.v1");
  CHECK(std::string_view(doc["id"]) == "weibo:comment:5012345678901234");
  CHECK(std::string_view(doc["text"]) == m.text);
  CHECK(std::string_view(doc["created_at"]) == "2026-11-22T02:00:00Z");
  CHECK(std::string_view(doc["created_at_precision"]) == "second");
  CHECK(std::string_view(doc["fetched_at"]) == "2026-11-22T02:05:00.123Z");
  CHECK(int64_t(doc["author"]["followers"]) == 1200000);
  CHECK(bool(doc["author"]["verified"]) == true);
  CHECK(int64_t(doc["metrics"]["likes"]) == 1000000);
  CHECK(int64_t(doc["metrics"]["collects"]) == 0);
  CHECK(bool(doc["metrics_capped"]) == true);
  CHECK(double(doc["rating"]) == 4.5);
  CHECK(std::string_view(doc["target"]["name"]) == "海底捞(国贸店)");
  CHECK(std::string_view(doc["query"]["matched"].at(1)) == "信号");
  CHECK(std::string_view(doc["media"].at(1)["type"]) == "video");
  CHECK(double(doc["influence"]["score"]) == 71.25);
  CHECK(std::string_view(doc["influence"]["tier"]) == "head");
  CHECK(std::string_view(doc["sentiment"]["label"]) == "negative");
  CHECK(doc["sentiment"]["score"].get_double().value() == -0.8);
}

TEST_CASE("unknown values are null and never 0 or empty strings", "[parsers][model]") {
  const std::string json = km::to_json(minimal_record());
  for (const char* expected :
       {"\"parent_id\":null", "\"title\":null", "\"rating\":null", "\"target\":null",
        "\"created_at\":null", "\"created_at_precision\":null", "\"ip_location\":null",
        "\"query\":null", "\"sentiment\":null", "\"url\":null}",
        "\"author\":{\"id\":null,\"name\":null,\"url\":null,\"followers\":null,\"verified\":null,"
        "\"verified_type\":null}",
        "\"metrics\":{\"likes\":null,\"comments\":null,\"shares\":null,\"collects\":null,"
        "\"views\":null}",
        "\"tags\":[]", "\"media\":[]", "\"influence\":{\"score\":0,\"tier\":null,\"reach\":null"}) {
    INFO(expected);
    CHECK(json.find(expected) != std::string::npos);
  }
}

TEST_CASE("strings are escaped and invalid UTF-8 becomes U+FFFD", "[parsers][model]") {
  auto escaped = [](std::string_view s) {
    std::string out;
    km::append_json_string(s, out);
    return out;
  };
  CHECK(escaped("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(escaped("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(escaped(std::string_view("\x00\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\\u007f\"");
  CHECK(escaped("😀华") == "\"😀华\"");
  CHECK(escaped("a\xff" "b") == "\"a\xef\xbf\xbd" "b\"");
  CHECK(escaped("\xe2\x82") == "\"\xef\xbf\xbd\"");
  CHECK(escaped("\xed\xa0\x80") == "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
}

TEST_CASE("check_mention names the field that would break the schema", "[parsers][model]") {
  struct Row {
    void (*mutate)(km::Mention&);
    const char* field;
  };
  const Row rows[] = {
      {[](km::Mention& m) { m.native_id.clear(); }, "native_id"},
      {[](km::Mention& m) { m.native_id = "a:b"; }, "native_id"},
      {[](km::Mention& m) { m.native_id = "a b"; }, "native_id"},
      {[](km::Mention& m) { m.native_id = "a\xe3\x80\x80" "b"; }, "native_id"},
      {[](km::Mention& m) { m.url = "ftp://x"; }, "url"},
      {[](km::Mention& m) { m.tags = {""}; }, "tags"},
      {[](km::Mention& m) { m.rating = 5.5; }, "rating"},
      {[](km::Mention& m) { m.rating = -0.5; }, "rating"},
      {[](km::Mention& m) { m.author.followers = -1; }, "author.followers"},
      {[](km::Mention& m) { m.metrics.views = -3; }, "metrics"},
      {[](km::Mention& m) { m.influence.score = 100.5; }, "influence.score"},
      {[](km::Mention& m) { m.influence.score = std::nan(""); }, "influence.score"},
      {[](km::Mention& m) { m.influence.reach = -1; }, "influence.reach"},
      {[](km::Mention& m) { m.sentiment->score = 2; }, "sentiment.score"},
      {[](km::Mention& m) { m.created_at_precision.reset(); }, "created_at_precision"},
      {[](km::Mention& m) { m.source.page_type = "twitter.search"; }, "source.page_type"},
      {[](km::Mention& m) { m.source.page_type = "weibo."; }, "source.page_type"},
  };
  CHECK(km::check_mention(full_record()).empty());
  for (const Row& row : rows) {
    km::Mention m = full_record();
    row.mutate(m);
    const std::string problem = km::check_mention(m);
    INFO(row.field);
    CHECK(problem.rfind(row.field, 0) == 0);
  }
}

TEST_CASE("the project's schema copy matches the shared spec", "[parsers][model]") {
  // docs/schema/ carries a copy so the repository stands alone; it must not drift from the spec.
  if (!std::filesystem::exists(KOUBEI_SHARED_SCHEMA_FILE)) {
    WARN("shared/spec/mention.schema.json is not beside the repository; drift not checked");
    return;
  }
  CHECK(koubei::test::read_file(KOUBEI_SCHEMA_FILE) ==
        koubei::test::read_file(KOUBEI_SHARED_SCHEMA_FILE));
}
