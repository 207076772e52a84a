#include "parsers/dianping/glyphs.hpp"
#include "parsers/normalize/html_text.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/parsers/dianping_test_page.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using parsers::GlyphMap;
using parsers::dianping::decode_glyphs;
using parsers::dianping::glyph_key;
using parsers::dianping::glyph_text;

namespace {

const std::string kUnknown = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

TEST_CASE("an SVG-sprite glyph is resolved by its class name", "[parsers][dianping]") {
  const GlyphMap glyphs{{"htx3k", "咸"}};
  std::uint32_t unknown = 0;
  const auto out =
      decode_glyphs("香而不燥，<svgmtsi class=\"htx3k\"></svgmtsi>到最后", &glyphs, unknown);
  REQUIRE(out.has_value());
  CHECK(*out == "香而不燥，咸到最后");
  CHECK(unknown == 0);
}

TEST_CASE("a woff glyph is resolved by its private-use code point, written or raw",
          "[parsers][dianping]") {
  const GlyphMap glyphs{{"U+E1F2", "态"}, {"U+E8F3", "4"}, {"U+F1A7", "0"}};
  std::uint32_t unknown = 0;
  CHECK(glyph_text("服务<svgmtsi class=\"review\">&#xe1f2;</svgmtsi>度", &glyphs, unknown) ==
        "服务态度");
  CHECK(glyph_text("等了<d class=\"num\">&#xe8f3;</d><d class=\"num\">&#XF1A7;</d>分钟",
                   &glyphs,
                   unknown) == "等了40分钟");
  CHECK(glyph_text("服务<SVGMTSI class='review'>\xEE\x87\xB2</SVGMTSI>度", &glyphs, unknown) ==
        "服务态度");
  CHECK(unknown == 0);
}

TEST_CASE("glyphs the map does not cover become U+FFFD and are counted", "[parsers][dianping]") {
  const GlyphMap glyphs{{"htx3k", "咸"}};
  std::uint32_t unknown = 0;
  CHECK(
      glyph_text("<svgmtsi class=\"abcde\"></svgmtsi>和<svgmtsi class=\"review\">&#xe1f2;</svgmtsi>"
                 "<d class=\"num\">&#xe8f3;</d>",
                 &glyphs,
                 unknown) == kUnknown + "和" + kUnknown + kUnknown);
  CHECK(unknown == 3);
  unknown = 0;
  CHECK(glyph_text("<svgmtsi class=\"htx3k\"></svgmtsi>", nullptr, unknown) == kUnknown);
  CHECK(unknown == 1);
}

TEST_CASE("characters inside a glyph element that are not private-use are kept",
          "[parsers][dianping]") {
  std::uint32_t unknown = 0;
  CHECK(glyph_text("<svgmtsi class=\"review\">好&#xe1f2;</svgmtsi>", nullptr, unknown) ==
        "好" + kUnknown);
  CHECK(unknown == 1);
}

TEST_CASE("a mapped character that looks like markup stays text", "[parsers][dianping]") {
  const GlyphMap glyphs{{"lt1", "<b>&"}};
  std::uint32_t unknown = 0;
  const auto out = decode_glyphs("a<svgmtsi class=\"lt1\"/>b", &glyphs, unknown);
  REQUIRE(out.has_value());
  CHECK(*out == "a&lt;b&gt;&amp;b");
  CHECK(normalize::html_to_text(*out) == "a<b>&b");
}

TEST_CASE("a fragment without glyph elements is left alone", "[parsers][dianping]") {
  std::uint32_t unknown = 0;
  CHECK_FALSE(
      decode_glyphs("a<del>b</del><dd>c</dd><div class=\"d\">d</div><d-x>e</d-x>", nullptr, unknown)
          .has_value());
  CHECK(unknown == 0);
}

TEST_CASE("cut-off and unclosed glyph elements are handled without reading past the end",
          "[parsers][dianping]") {
  std::uint32_t unknown = 0;
  CHECK(glyph_text("a<svgmtsi class=\"x\">&#xe1f2;<b>c</b>", nullptr, unknown) ==
        "a" + kUnknown + "c");
  CHECK(glyph_text("a<svgmtsi class=\"x\"", nullptr, unknown) == "a");
  CHECK(glyph_text("a<d>&#xe1f2;</d ", nullptr, unknown) == "a" + kUnknown);
  CHECK(glyph_text("<d", nullptr, unknown).empty());
  CHECK(unknown == 2);
  unknown = 0;
  CHECK(glyph_text("<d>&#xe1f2;<d>1<d>&#xe1f2;</svgmtsi>", nullptr, unknown) ==
        kUnknown + "1" + kUnknown);
  CHECK(unknown == 2);
}

TEST_CASE("glyph keys are U+ and at least four upper-case hex digits", "[parsers][dianping]") {
  CHECK(glyph_key(0xE1F2) == "U+E1F2");
  CHECK(glyph_key(0x41) == "U+0041");
  CHECK(glyph_key(0xF0001) == "U+F0001");
}

TEST_CASE("a page parsed with a glyph map reads both generations in review text",
          "[parsers][dianping]") {
  const std::string page = test::dianping::review_page(test::dianping::review_li(
      "901",
      "香而不燥，<svgmtsi class=\"htx3k\"></svgmtsi>到最后，服务<svgmtsi class=\"review\">"
      "&#xe1f2;</svgmtsi>度好，等了<d class=\"num\">&#xe8f3;</d>分钟"));
  const auto decoded = test::dianping::parse_reviews(
      page, GlyphMap{{"htx3k", "吃"}, {"U+E1F2", "态"}, {"U+E8F3", "5"}});
  REQUIRE(decoded.items.size() == 1);
  CHECK(decoded.items[0].mention.text == "香而不燥，吃到最后，服务态度好，等了5分钟");
  CHECK(decoded.unknown_glyphs == 0);

  const auto plain = test::dianping::parse_reviews(page);
  REQUIRE(plain.items.size() == 1);
  CHECK(plain.items[0].mention.text ==
        "香而不燥，" + kUnknown + "到最后，服务" + kUnknown + "度好，等了" + kUnknown + "分钟");
  CHECK(plain.unknown_glyphs == 3);
}

TEST_CASE("a review made only of unknown glyphs is kept", "[parsers][dianping]") {
  const std::string page = test::dianping::review_page(test::dianping::review_li(
      "902", "<svgmtsi class=\"ocoum\"></svgmtsi><svgmtsi class=\"review\">&#xe4c2;</svgmtsi>"));
  const auto r = test::dianping::parse_reviews(page);
  CHECK(r.verdict == parsers::Verdict::kOk);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].mention.native_id == "902");
  CHECK(r.items[0].mention.text == kUnknown + kUnknown);
  CHECK(r.unknown_glyphs == 2);
  CHECK(r.skipped == 0);
}

TEST_CASE("the normal fixture decodes completely with its glyph map", "[parsers][dianping]") {
  const std::string body =
      test::read_file(test::fixture_path("dianping") / "reviews_html_normal.html");
  REQUIRE_FALSE(body.empty());
  const GlyphMap glyphs{{"htx3k", "吃"},
                        {"htwq1", "凉"},
                        {"ocoum", "好"},
                        {"ou1v5", "吃"},
                        {"U+E8F3", "4"},
                        {"U+F1A7", "0"},
                        {"U+E1F2", "态"},
                        {"U+E7A0", "凉"},
                        {"U+E4C2", "不"},
                        {"U+E0B9", "贵"}};
  const auto r = test::dianping::parse_reviews(body, glyphs);
  REQUIRE(r.items.size() == 10);
  CHECK(r.unknown_glyphs == 0);
  CHECK(r.items[2].mention.text ==
        "等了40分钟还没上菜，问了三次服务员都说马上，态度极差😡 锅底也是凉的，不会再来了。");
  CHECK(r.items[8].mention.text == "好吃不贵");
}
