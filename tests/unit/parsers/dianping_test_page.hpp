#pragma once
// Shared by the dianping unit tests: small review pages built in code, and a parse as the crawler
// runs it (PageParser with an optional glyph map), at fetched_at 2026-11-22T02:00:00Z.

#include "parsers/parse.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::test::dianping {

inline constexpr std::string_view kShopUrl =
    "http://www.dianping.com/shop/k9AX5KRm7Fg5QOfG/review_all";

struct Request {
  std::string_view url = kShopUrl;
  int status = 200;
  std::string_view final_url;
  std::vector<parsers::Header> headers;
};

inline Request on_url(std::string_view url) {
  Request r;
  r.url = url;
  return r;
}

inline Request with_status(int status) {
  Request r;
  r.status = status;
  return r;
}

/// A request whose redirects ended at final_url.
inline Request ended_at(std::string_view final_url, int status = 200) {
  Request r = with_status(status);
  r.final_url = final_url;
  return r;
}

/// An unfollowed redirect answer with its Location header.
inline Request redirect(int status, std::string_view name, std::string_view location) {
  Request r = with_status(status);
  r.headers.push_back({name, location});
  return r;
}

inline parsers::ParseResult parse_reviews(std::string_view body,
                                          parsers::GlyphMap glyphs = {},
                                          Request request = {}) {
  parsers::PageParser parser(parsers::ParseLimits{}, std::move(glyphs));
  parsers::PageInput page;
  page.type = parsers::PageType::kDianpingReviewsHtml;
  page.body = body;
  page.url = request.url;
  page.status = request.status;
  page.final_url = request.final_url;
  page.headers = request.headers;
  page.fetched_at = model::Timestamp{std::chrono::milliseconds{1795312800000}};
  return parser.parse(page);
}

/// One review `li` with this id (data-id) and review-words HTML; `more` goes after the text.
inline std::string review_li(std::string_view id,
                             std::string_view words,
                             std::string_view more = "") {
  return "<li><div class=\"main-review\"><a class=\"name\" href=\"/member/42\">食客</a>"
         "<span class=\"sml-rank-stars sml-str40 star\"></span>"
         "<div class=\"review-words\">" +
         std::string(words) + "</div>" + std::string(more) +
         "<span class=\"time\">2026-11-20 08:00</span>"
         "<span class=\"actions\"><a class=\"praise\" data-id=\"" +
         std::string(id) + "\">赞</a><em>(2)</em></span></div></li>";
}

/// A review page: the s3plus css link, the shop header, `items` in .reviews-items > ul, `pager`.
inline std::string review_page(std::string_view items, std::string_view pager = "") {
  return "<!DOCTYPE html><html><head><link rel=\"stylesheet\" "
         "href=\"//s3plus.meituan.net/v1/mss_0a06/svgtextcss/6e7c.css\"></head><body>"
         "<div class=\"review-shop-wrap\"><h1 class=\"shop-name\">蜀大侠火锅</h1></div>"
         "<div class=\"reviews-items\"><ul>" +
         std::string(items) + "</ul>" + "<div class=\"reviews-pages\">" + std::string(pager) +
         "</div></div></body></html>";
}

}  // namespace koubei::test::dianping
