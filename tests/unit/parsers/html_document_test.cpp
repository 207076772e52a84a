#include "parsers/html/document.hpp"

#include <catch2/catch.hpp>

using namespace koubei::parsers;

TEST_CASE("the HTML document finds elements by class and gives their text", "[parsers][html]") {
  const std::string page =
      "<html><body><div class=\"card-wrap x\" mid=\"1\"><p class=\"txt\">你好<br>世界 "
      "<img alt=\"[哈哈]\"> <a href=\"/t\">#话题#</a></p></div>"
      "<div class=\"card-wrap\" mid=\"2\"><p class=\"txt\">&amp; two</p></div></body></html>";
  html::Document doc(page, ParseLimits{});
  const auto cards = doc.find_all(doc.root(), [](const GumboNode* n) {
    return html::has_class(n, "card-wrap");
  });
  REQUIRE(cards.size() == 2);
  CHECK(html::attr(cards[0], "mid") == "1");
  CHECK(html::attr(cards[1], "mid") == "2");
  CHECK(html::attr(cards[1], "nope").empty());
  const GumboNode* txt =
      doc.find_first(cards[0], [](const GumboNode* n) { return html::has_class(n, "txt"); });
  REQUIRE(txt != nullptr);
  CHECK(html::is_tag(txt, GUMBO_TAG_P));
  CHECK(doc.text(txt) == "你好\n世界 [哈哈] #话题#");
  CHECK(doc.text(cards[1]) == "& two");
  CHECK_FALSE(html::has_class(cards[0], "card"));
  CHECK_FALSE(doc.truncated());
}

TEST_CASE("walks over hostile nesting stop at the depth and node limits", "[parsers][html]") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += "<span class=\"needle\">x</span>";
  ParseLimits limits;
  limits.max_dom_depth = 100;
  html::Document doc(deep, limits);
  const GumboNode* needle =
      doc.find_first(doc.root(), [](const GumboNode* n) { return html::has_class(n, "needle"); });
  CHECK(needle == nullptr);
  CHECK(doc.truncated());

  std::string wide;
  for (int i = 0; i < 3000; ++i) wide += "<i></i>";
  limits = ParseLimits{};
  limits.max_dom_nodes = 1000;
  html::Document wide_doc(wide, limits);
  int seen = 0;
  wide_doc.walk(wide_doc.root(), [&](const GumboNode*, std::uint32_t) {
    ++seen;
    return html::Visit::kDescend;
  });
  CHECK(seen == 1000);
  CHECK(wide_doc.truncated());
}
