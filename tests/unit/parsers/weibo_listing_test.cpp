#include "parsers/json/document.hpp"
#include "parsers/weibo/cards.hpp"
#include "parsers/weibo/page_builder.hpp"
#include "parsers/weibo/search_html.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei::parsers;

namespace {

std::string next_of(const std::string& body, const std::string& url) {
  json::JsonParser parser;
  simdjson::dom::element root;
  REQUIRE(parser.parse(body, false, root) == simdjson::SUCCESS);
  const Cursor c = weibo::next_page(root, url);
  return c.end ? "end" : c.value;
}

}  // namespace

TEST_CASE("weibo reads the current page number from the request URL", "[parsers][weibo]") {
  CHECK(weibo::request_page("https://m.weibo.cn/api/container/getIndex?containerid=x&page=7") == 7);
  CHECK(weibo::request_page("https://m.weibo.cn/api/container/getIndex?containerid=x") == 1);
  CHECK(weibo::request_page("https://m.weibo.cn/api/container/getIndex?page=") == 1);
  CHECK(weibo::request_page("https://m.weibo.cn/api/container/getIndex?page=-3") == 1);
  CHECK(weibo::request_page("https://m.weibo.cn/api/container/getIndex?page=2x") == 1);
  CHECK(weibo::request_page("?page=99999999999999999999") == 1);
  CHECK(weibo::request_page("?page=1000000") == 1000000);
}

TEST_CASE("weibo's next page uses cardlistInfo.page only when it lies ahead", "[parsers][weibo]") {
  CHECK(next_of(R"({"data":{"cardlistInfo":{"page":2}}})", "https://x/?page=1") == "2");
  CHECK(next_of(R"({"data":{"cardlistInfo":{"page":5}}})", "https://x/?page=3") == "5");
  // The current page (or an older one) in cardlistInfo: current + 1.
  CHECK(next_of(R"({"data":{"cardlistInfo":{"page":3}}})", "https://x/?page=3") == "4");
  CHECK(next_of(R"({"data":{"cardlistInfo":{"page":null}}})", "https://x/?page=3") == "4");
  CHECK(next_of(R"({"data":{}})", "https://x/") == "2");
  CHECK(next_of(R"({"data":{"cardlistInfo":{"page":"9"}}})", "https://x/?page=8") == "9");
}

TEST_CASE("weibo listing verdicts distinguish the end, a stall and a layout change",
          "[parsers][weibo]") {
  ParseResult r;
  SECTION("no items and no cursor is the end") {
    weibo::settle_listing(r, {0, 0}, Cursor{});
    CHECK(r.verdict == Verdict::kEmpty);
    CHECK(r.next.end);
  }
  SECTION("no items but a cursor continues") {
    weibo::settle_listing(r, {0, 0}, Cursor{false, "1:1"});
    CHECK(r.verdict == Verdict::kOk);
    CHECK(r.next.value == "1:1");
  }
  SECTION("items none of which could be read is a layout change") {
    weibo::settle_listing(r, {3, 0}, Cursor{false, "2"});
    CHECK(r.verdict == Verdict::kUnrecognized);
    CHECK(r.next.end);
    CHECK(r.detail == "none of the 3 items could be read");
  }
  SECTION("some readable items are ok") {
    weibo::settle_listing(r, {3, 1}, Cursor{false, "2"});
    CHECK(r.verdict == Verdict::kOk);
    CHECK(r.next.value == "2");
  }
}

TEST_CASE("weibo page builder drops repeated items and merges author facts", "[parsers][weibo]") {
  ParseResult r;
  weibo::PageBuilder page(r);
  ParsedItem item;
  item.mention.native_id = "5012345678901234";
  CHECK(page.add_item(ParsedItem(item)));
  CHECK_FALSE(page.add_item(ParsedItem(item)));
  CHECK(r.items.size() == 1);
  page.add_author({koubei::model::Platform::kWeibo, "1", "甲", std::nullopt, std::nullopt});
  page.add_author({koubei::model::Platform::kWeibo, "1", "乙", 42, std::nullopt});
  page.add_author({koubei::model::Platform::kWeibo, "", "无 id", 7, std::nullopt});
  REQUIRE(r.authors.size() == 1);
  CHECK(r.authors[0].name == "甲");
  CHECK(r.authors[0].followers == 42);
}

TEST_CASE("weibo cuts the feed list out of a search page before parsing it", "[parsers][weibo]") {
  const std::string head = "<html><head><style>div{}</style></head><body><div id=\"nav\">x</div>";
  const std::string list =
      "<div id=\"pl_feedlist_index\"><div class=\"card-wrap\" mid=\"1\"><div>a</div></div>"
      "<divider></divider></div>";
  const std::string tail = "<div id=\"pl_right_side\"><div>hot</div></div></body></html>";
  CHECK(weibo::feedlist_region(head + list + tail) == list);
  SECTION("without the marker the whole page is kept") {
    const std::string page = head + tail;
    CHECK(weibo::feedlist_region(page) == page);
  }
  SECTION("a marker on another element than a div keeps the whole page") {
    const std::string page = "<ul id=\"pl_feedlist_index\"><li>x</li></ul>";
    CHECK(weibo::feedlist_region(page) == page);
  }
  SECTION("an unclosed feed list runs to the end of the page") {
    const std::string page = head + "<div id=\"pl_feedlist_index\"><div>never closed";
    CHECK(weibo::feedlist_region(page) == "<div id=\"pl_feedlist_index\"><div>never closed");
  }
  SECTION("a page cut inside a tag name is safe") {
    CHECK(weibo::feedlist_region("<div id=\"pl_feedlist_index\"></di") ==
          "<div id=\"pl_feedlist_index\"></di");
  }
}
