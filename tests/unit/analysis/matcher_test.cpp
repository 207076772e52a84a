#include "analysis/keywords/matcher.hpp"

#include <catch2/catch.hpp>

using namespace koubei::analysis::keywords;

namespace {

const TextFolder& folder() {
  static const TextFolder kFolder;  // OpenCC dictionaries load once per test binary
  return kFolder;
}

KeywordMatcher matcher(std::string_view text) {
  ParsedExpression p = parse_expression(text);
  REQUIRE(p.ok());
  return KeywordMatcher(std::move(*p.expression), folder());
}

}  // namespace

TEST_CASE("folding covers case, full width, whitespace and Traditional Chinese",
          "[analysis][keywords]") {
  CHECK(to_utf8(folder().fold_chars("華為手機訊號")) == "华为手机讯号");
  CHECK(to_utf8(folder().fold_chars("ＨＵＡＷＥＩ Mate７０")) == "huawei mate70");
  CHECK(to_utf8(folder().fold_chars("a \n\t　b")) == "a b");
  const FoldedText f = folder().fold("臺灣 OK");
  CHECK(to_utf8(f.chars) == "台湾 ok");
  REQUIRE(f.offsets.size() == f.chars.size() + 1);
  CHECK(f.offsets[0] == 0);
  CHECK(f.offsets[1] == 3);
  CHECK(f.offsets[3] == 7);
  CHECK(f.offsets.back() == 9);
}

TEST_CASE("keyword expressions match Chinese text as substrings, folded", "[analysis][keywords]") {
  struct Row {
    const char* expression;
    const char* title;
    const char* text;
    bool matched;
    std::vector<std::string> terms;
  };
  const std::vector<Row> rows = {
      {"华为 AND (信号 OR 网络) NOT 广告", "", "华为手机信号太差了", true, {"华为", "信号"}},
      {"华为 AND (信号 OR 网络) NOT 广告", "", "华为信号不错，广告一下", false, {}},
      {"华为 AND (信号 OR 网络) NOT 广告", "華為", "網絡斷了", true, {"华为", "网络"}},
      {"华为 AND (信号 OR 网络) NOT 广告", "", "华为发布会", false, {}},
      {"HUAWEI", "", "huawei nova", true, {"HUAWEI"}},
      {"mate70", "", "ＭＡＴＥ７０真香", true, {"mate70"}},
      {"\"Mate 70\"", "", "mate  70 Pro", true, {"Mate 70"}},
      {"\"Mate 70\"", "", "mate70", false, {}},
      {"瑞幸 NOT 咖啡", "", "瑞幸的新品", true, {"瑞幸"}},
      {"發熱", "", "手机发热严重", true, {"發熱"}},
      {"外卖 OR 快递", "快递太慢", "", true, {"快递"}},
  };
  for (const Row& row : rows) {
    INFO(row.expression << " | " << row.title << " | " << row.text);
    const MatchResult r = matcher(row.expression).match(row.title, row.text);
    CHECK(r.matched == row.matched);
    CHECK(r.terms == row.terms);
  }
}

TEST_CASE("NEAR/n counts the characters between the two terms, in either order",
          "[analysis][keywords]") {
  const KeywordMatcher m = matcher("电池 NEAR/3 发热");
  CHECK(m.match("", "电池发热").matched);
  CHECK(m.match("", "电池有点发热").matched);      // 2 between
  CHECK(m.match("", "电池真有点发热").matched);    // 3 between
  CHECK_FALSE(m.match("", "电池真的有点发热").matched);  // 4 between
  CHECK(m.match("", "发热的是电池").matched);      // reverse order
  CHECK_FALSE(m.match("电池", "发热").matched);    // never across title and text
  CHECK(m.match("", "电池很好。后来电池又发热").matched);  // any pair of occurrences
}

TEST_CASE("hits map back to byte offsets of the original text", "[analysis][keywords]") {
  const MatchResult r = matcher("訊號 OR ｍａｔｅ").match("新 Mate", "華為手機訊號差");
  REQUIRE(r.matched);
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].term == "訊號");
  CHECK_FALSE(r.hits[0].in_title);
  CHECK(r.hits[0].begin == 12);
  CHECK(r.hits[0].end == 18);
  CHECK(r.hits[1].in_title);
  CHECK(std::string("新 Mate").substr(r.hits[1].begin, r.hits[1].end - r.hits[1].begin) == "Mate");
}

TEST_CASE("a missing OpenCC configuration is a start-up error naming the file",
          "[analysis][keywords]") {
  CHECK_THROWS_WITH(TextFolder("/nonexistent/t2s.json"), Catch::Contains("/nonexistent/t2s.json"));
}
