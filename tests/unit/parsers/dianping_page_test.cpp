#include "parsers/dianping/page_cut.hpp"
#include "parsers/dianping/reviews_html.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/parsers/dianping_test_page.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using parsers::Verdict;
using parsers::dianping::cut_review_page;
using parsers::dianping::find_marked_tag;
using test::dianping::parse_reviews;
using test::dianping::review_li;
using test::dianping::review_page;

namespace {

std::string at_page(std::string_view page_suffix) {
  return std::string(test::dianping::kShopUrl) + std::string(page_suffix);
}

}  // namespace

TEST_CASE("marked tags are found by whole class tokens inside tags only", "[parsers][dianping]") {
  const std::string page =
      "<style>.reviews-items{}</style><script>x='reviews-items'</script>"
      "<div class=\"reviews-items-wrap\"></div><div id=a class=\"x reviews-items\">";
  CHECK(find_marked_tag(page, "reviews-items") == page.find("<div id=a"));
  CHECK(find_marked_tag(page, "reviews-items", page.size()) == std::string::npos);
  CHECK(find_marked_tag("<p>reviews-items</p>", "reviews-items") == std::string::npos);
  CHECK(find_marked_tag("reviews-items", "reviews-items") == std::string::npos);
  CHECK(find_marked_tag("<", "") == std::string::npos);
}

TEST_CASE("the page is cut to the shop header and the reviews up to the pager",
          "[parsers][dianping]") {
  const std::string body =
      test::read_file(test::fixture_path("dianping") / "reviews_html_normal.html");
  REQUIRE_FALSE(body.empty());
  const auto cut = cut_review_page(body);
  CHECK(cut.cut);
  CHECK(cut.html().starts_with("<h1 class=\"shop-name\">蜀大侠火锅(春熙路店)</h1>"));
  CHECK(cut.html().find("class=\"NextPage\"") != std::string_view::npos);
  CHECK(cut.html().ends_with("</div>"));
  CHECK(cut.html().find("附近热门商户") == std::string_view::npos);  // the aside after the reviews
  CHECK(cut.html().find("first-cate") == std::string_view::npos);    // the navigation before them
  CHECK(cut.html().size() < body.size());
}

TEST_CASE("a page without reviews markers is not cut", "[parsers][dianping]") {
  const std::string body = "<html><body><div class=\"review-list-v2\"></div></body></html>";
  const auto cut = cut_review_page(body);
  CHECK_FALSE(cut.cut);
  CHECK_FALSE(cut.mentions_reviews);
  CHECK(cut.html() == body);
  CHECK(cut.html().data() == body.data());
}

TEST_CASE("the cursor is the page number of a.NextPage", "[parsers][dianping]") {
  const std::string items = review_li("11", "好吃");
  const auto from_href = parse_reviews(
      review_page(items,
                  "<a class=\"NextPage\" href=\"/shop/k9AX5KRm7Fg5QOfG/review_all/p3\">下一页</a>"),
      {},
      test::dianping::on_url(at_page("/p2")));
  CHECK(from_href.verdict == Verdict::kOk);
  CHECK_FALSE(from_href.next.end);
  CHECK(from_href.next.value == "3");
  const auto from_data =
      parse_reviews(review_page(items, "<a class=\"NextPage\" data-pg=\"4\">下一页</a>"),
                    {},
                    test::dianping::on_url(at_page("/p3")));
  CHECK(from_data.next.value == "4");
  const auto from_text = parse_reviews(review_page(items, "<a class=\"NextPage\"> 2 </a>"));
  CHECK(from_text.next.value == "2");
}

TEST_CASE("paging ends without a.NextPage or when it does not go forward", "[parsers][dianping]") {
  const std::string items = review_li("12", "好吃");
  const auto last = parse_reviews(
      review_page(items,
                  "<a class=\"PrePage\" href=\"/shop/k9AX5KRm7Fg5QOfG/review_all/p6\">上一页</a>"
                  "<span class=\"PageSel\">7</span>"),
      {},
      test::dianping::on_url(at_page("/p7")));
  CHECK(last.verdict == Verdict::kOk);
  CHECK(last.next.end);
  CHECK(last.diagnostics.empty());
  const auto backwards = parse_reviews(
      review_page(items,
                  "<a class=\"NextPage\" href=\"/shop/k9AX5KRm7Fg5QOfG/review_all/p2\">下一页</a>"),
      {},
      test::dianping::on_url(at_page("/p2")));
  CHECK(backwards.next.end);
  REQUIRE(backwards.diagnostics.size() == 1);
  CHECK(backwards.diagnostics[0].where == "a.NextPage");
  const auto unreadable =
      parse_reviews(review_page(items, "<a class=\"NextPage\" href=\"javascript:;\">下一页</a>"));
  CHECK(unreadable.next.end);
  CHECK(unreadable.diagnostics.size() == 1);
}

TEST_CASE("reviews are found as .main-review where there is no list", "[parsers][dianping]") {
  const std::string page =
      "<html><head><link href=\"//s3plus.meituan.net/v1/x.css\"></head><body>"
      "<div class=\"main-review\"><a class=\"name\" href=\"/member/5\">甲</a>"
      "<div class=\"review-words\">一</div><span class=\"actions\"><a "
      "data-id=\"21\">赞</a></span></div>"
      "<div class=\"main-review\"><div class=\"review-words\">二</div>"
      "<span class=\"actions\"><a data-id=\"22\">赞</a></span></div></body></html>";
  const auto r = parse_reviews(page);
  CHECK(r.verdict == Verdict::kOk);
  REQUIRE(r.items.size() == 2);
  CHECK(r.items[0].mention.id() == "dianping:review:21");
  CHECK(r.items[1].mention.text == "二");
  CHECK_FALSE(r.items[1].mention.author.id.has_value());
}

TEST_CASE("a container with an empty list is empty, one with unknown content is not",
          "[parsers][dianping]") {
  const auto empty = parse_reviews(review_page(""));
  CHECK(empty.verdict == Verdict::kEmpty);
  CHECK(empty.next.end);
  const auto changed = parse_reviews(review_page("<div class=\"review-card\">新版点评</div>"));
  CHECK(changed.verdict == Verdict::kUnrecognized);
}

TEST_CASE("the shop is the request URL's id and the header's name", "[parsers][dianping]") {
  const auto r = parse_reviews(review_page(review_li("31", "好")));
  REQUIRE(r.items.size() == 1);
  const auto& m = r.items[0].mention;
  CHECK(m.title == "蜀大侠火锅");
  REQUIRE(m.target.has_value());
  CHECK(m.target->id == "k9AX5KRm7Fg5QOfG");
  CHECK(m.target->name == "蜀大侠火锅");

  const std::string headless =
      "<div class=\"reviews-items\"><ul>" + review_li("32", "好") + "</ul></div>";
  const auto no_name = parse_reviews(headless);
  REQUIRE(no_name.items.size() == 1);
  CHECK_FALSE(no_name.items[0].mention.title.has_value());
  CHECK(no_name.items[0].mention.target->id == "k9AX5KRm7Fg5QOfG");
  CHECK_FALSE(no_name.items[0].mention.target->name.has_value());

  const auto unknown =
      parse_reviews(headless, {}, test::dianping::on_url("https://example.invalid/p?page=2"));
  REQUIRE(unknown.items.size() == 1);
  CHECK_FALSE(unknown.items[0].mention.target.has_value());
}

TEST_CASE("reviewers become author facts once per page", "[parsers][dianping]") {
  const auto r = parse_reviews(review_page(review_li("41", "一") + review_li("42", "二")));
  REQUIRE(r.items.size() == 2);
  REQUIRE(r.authors.size() == 1);
  CHECK(r.authors[0].platform == model::Platform::kDianping);
  CHECK(r.authors[0].id == "42");
  CHECK(r.authors[0].name == "食客");
  CHECK_FALSE(r.authors[0].followers.has_value());
}

TEST_CASE("a review's fields are read from its own element only", "[parsers][dianping]") {
  const std::string reply =
      "<div class=\"shop-reply\"><span class=\"time\">2026-11-21 10:00</span>"
      "<div class=\"shop-reply-content\">谢谢</div></div>";
  const std::string item = "<li><div class=\"main-review\"><div class=\"review-words\">好吃</div>" +
                           reply +
                           "<span class=\"actions\"><a data-id=\"51\">赞</a></span></div></li>";
  const auto r = parse_reviews(review_page(item));
  REQUIRE(r.items.size() == 1);
  const auto& m = r.items[0].mention;
  CHECK(m.text == "好吃");
  CHECK_FALSE(m.created_at.has_value());
  CHECK_FALSE(m.rating.has_value());
  CHECK_FALSE(m.author.name.has_value());
  CHECK(m.url == "https://www.dianping.com/review/51");
}

TEST_CASE("reviews the string search cannot place are still found in the whole page",
          "[parsers][dianping]") {
  const std::string page =
      "<html><body><div data-note=\"a>b\" class=\"main-review\"><div class=\"review-words\">好吃"
      "</div><span class=\"actions\"><a data-id=\"61\">赞</a></span></div></body></html>";
  const auto cut = cut_review_page(page);
  CHECK_FALSE(cut.cut);
  CHECK(cut.mentions_reviews);
  const auto r = parse_reviews(page);
  CHECK(r.verdict == Verdict::kOk);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].mention.native_id == "61");
}

TEST_CASE("a pager above the reviews does not end the region", "[parsers][dianping]") {
  const std::string page =
      "<html><head><link href=\"//s3plus.meituan.net/v1/x.css\"></head><body>"
      "<div class=\"reviews-items\"><div class=\"reviews-pages\">"
      "<a class=\"NextPage\" href=\"/shop/k9AX5KRm7Fg5QOfG/review_all/p2\">下一页"
      "</a></div><ul>" +
      review_li("71", "一") + review_li("72", "二") +
      "</ul><div class=\"reviews-pages\"><a class=\"NextPage\" "
      "href=\"/shop/k9AX5KRm7Fg5QOfG/review_all/p2\">下一页</a></div></div>"
      "<div class=\"footer\">页脚</div></body></html>";
  const auto cut = cut_review_page(page);
  CHECK(cut.html().find("72") != std::string_view::npos);
  CHECK(cut.html().find("页脚") == std::string_view::npos);
  const auto r = parse_reviews(page);
  CHECK(r.items.size() == 2);
  CHECK(r.next.value == "2");
}
