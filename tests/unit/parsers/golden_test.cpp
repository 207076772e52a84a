// Golden tests: every fixture under tests/fixtures/<platform>/ is parsed and compared, field by
// field, with the records and verdict its case in cases.toml expects; every emitted record is
// validated against the mention.v1 schema. Goldens hold records as the parsers yield them:
// `influence` at its default (the analysis stage and `koubei parse` compute it afterwards).
//
// cases.toml:
//   [[case]]
//   file = "search_api_normal.json"        # the saved response
//   page_type = "weibo.search_api"
//   url = "https://m.weibo.cn/api/container/getIndex?…"     # optional
//   fetched_at = "2026-11-22T02:00:00Z"
//   status = 200                           # optional (default 200)
//   final_url = ""                         # optional
//   headers = { Verifytype = "102" }       # optional response headers
//   verdict = "ok"
//   next = "2"                             # the cursor, or "end"
//   golden = "search_api_normal.expected.jsonl"   # the records, one per line ("" for none)
//   skipped = 1                            # optional (default 0)
//   truncated = ["weibo:post:…"]           # optional: ids marked for a full-text fetch
//   authors = 3                            # optional: author facts expected
//   unknown_glyphs = 0                     # optional
#include <catch2/catch.hpp>
#include <toml++/toml.h>

#include <filesystem>
#include <sstream>

#include "parsers/model/mention_json.hpp"
#include "parsers/model/timestamp.hpp"
#include "parsers/parse.hpp"
#include "tests/support/json_diff.hpp"
#include "tests/support/schema_check.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace koubei;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string padded_file(const fs::path& path) {
  std::string body = test::read_file(path);
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  return body;
}

// Runs one case; returns the emitted JSONL (for the schema check).
std::string run_case(const fs::path& dir, const toml::table& c) {
  const std::string file = c["file"].value_or(std::string());
  INFO("case " << (dir / file).string());
  const std::string body = padded_file(dir / file);
  REQUIRE_FALSE(body.empty());
  const auto type = parsers::page_type_from_string(c["page_type"].value_or(std::string()));
  REQUIRE(type.has_value());
  const auto fetched_at = model::parse_rfc3339(c["fetched_at"].value_or(std::string()));
  REQUIRE(fetched_at.has_value());
  const std::string url = c["url"].value_or(std::string());
  const std::string final_url = c["final_url"].value_or(std::string());
  std::vector<std::pair<std::string, std::string>> header_values;
  if (const auto* headers = c["headers"].as_table()) {
    for (const auto& [name, value] : *headers) {
      header_values.emplace_back(std::string(name.str()), value.value_or(std::string()));
    }
  }
  std::vector<parsers::Header> headers;
  for (const auto& [name, value] : header_values) headers.push_back({name, value});
  parsers::PageInput page{*type, body, true, c["status"].value_or(200), url, final_url, headers,
                          *fetched_at};
  parsers::PageParser parser;
  const parsers::ParseResult r = parser.parse(page);
  INFO("verdict " << parsers::to_string(r.verdict) << " (" << r.detail << ")");
  for (const auto& d : r.diagnostics) UNSCOPED_INFO("diagnostic " << d.where << ": " << d.reason);

  CHECK(parsers::to_string(r.verdict) == c["verdict"].value_or(std::string("?")));
  CHECK((r.next.end ? std::string("end") : r.next.value) == c["next"].value_or(std::string("?")));
  CHECK(static_cast<int64_t>(r.skipped) == c["skipped"].value_or(int64_t{0}));
  CHECK(static_cast<int64_t>(r.unknown_glyphs) == c["unknown_glyphs"].value_or(int64_t{0}));
  if (const auto authors = c["authors"].value<int64_t>()) {
    CHECK(r.authors.size() == static_cast<std::size_t>(*authors));
  }
  std::vector<std::string> truncated;
  for (const auto& item : r.items) {
    if (item.truncated) truncated.push_back(item.mention.id());
  }
  std::vector<std::string> expected_truncated;
  if (const auto* arr = c["truncated"].as_array()) {
    for (const auto& v : *arr) expected_truncated.push_back(v.value_or(std::string()));
  }
  CHECK(truncated == expected_truncated);

  std::string emitted;
  std::vector<std::string> actual;
  for (const auto& item : r.items) {
    INFO("record " << item.mention.id());
    CHECK(model::check_mention(item.mention).empty());
    actual.push_back(model::to_json(item.mention));
    emitted += actual.back() + "\n";
  }
  const std::string golden = c["golden"].value_or(std::string());
  const std::vector<std::string> expected =
      golden.empty() ? std::vector<std::string>{} : lines_of(test::read_file(dir / golden));
  if (!golden.empty()) CHECK_FALSE(expected.empty());
  CHECK(actual.size() == expected.size());
  for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
    for (const auto& difference : test::json_diff(expected[i], actual[i])) {
      FAIL_CHECK("record " << i << " " << difference);
    }
  }
  return emitted;
}

void run_platform(const std::string& platform) {
  const fs::path dir = test::fixture_path(platform);
  const fs::path cases_file = dir / "cases.toml";
  REQUIRE(fs::exists(cases_file));
  const toml::table cases = toml::parse_file(cases_file.string());
  const auto* list = cases["case"].as_array();
  REQUIRE(list != nullptr);
  REQUIRE(list->size() > 0);
  std::string all;
  for (const auto& c : *list) {
    REQUIRE(c.is_table());
    all += run_case(dir, *c.as_table());
  }
  test::TempDir tmp;
  test::write_file(tmp / "emitted.jsonl", all);
  std::string output;
  const int code = test::validate_jsonl(tmp / "emitted.jsonl", output);
  INFO(output);
  CHECK(code == 0);
}

}  // namespace

TEST_CASE("weibo fixtures parse into their golden records", "[parsers][golden][weibo]") {
  run_platform("weibo");
}

TEST_CASE("xiaohongshu fixtures parse into their golden records", "[parsers][golden][xiaohongshu]") {
  run_platform("xiaohongshu");
}

TEST_CASE("douyin fixtures parse into their golden records", "[parsers][golden][douyin]") {
  run_platform("douyin");
}

TEST_CASE("dianping fixtures parse into their golden records", "[parsers][golden][dianping]") {
  run_platform("dianping");
}
