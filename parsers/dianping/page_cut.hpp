#pragma once
// The part of a Dianping review page worth a DOM, found by string search.
//
// A review_all page is mostly head scripts, navigation, filters and footer; the reviews and the
// shop name are a fraction of it, and Gumbo's cost is linear in what it sees. So the page is cut
// before it is parsed, and the cut is handed to Gumbo as one document:
//   - the shop header: the first element (before the reviews) whose class holds the token
//     "shop-name" (`<h1 class="shop-name">` in `.review-shop-wrap`), up to its end tag;
//   - the reviews region: from the first element whose class holds "reviews-items" or
//     "main-review", to the end of the last pager `div.reviews-pages` after it (a pager holds
//     only links and spans, so its first "</div>" closes it), or to the end of the page when
//     there is no pager.
// Elements the cut leaves open are closed by Gumbo, stray end tags are ignored. A page without a
// reviews marker in a tag is not cut: the whole page is used, and the caller needs a DOM of it only
// when the marker names appear somewhere (say in a tag the string search misread).
//
// Linear in the page; never reads outside it. Thread safety: stateless.

#include <cstddef>
#include <string>
#include <string_view>

namespace koubei::parsers::dianping {

struct PageCut {
  std::string storage;            ///< header + region, when the page was cut
  std::string_view page;          ///< the whole page
  bool cut = false;               ///< a reviews marker was found in a tag, and the page was cut
  bool mentions_reviews = false;  ///< the marker names occur in the page at all

  /// What to parse: the cut, or the whole page. Valid while this object and the page live.
  std::string_view html() const { return cut ? std::string_view(storage) : page; }
};

PageCut cut_review_page(std::string_view page);

/// Where the first tag at or after `from` starts ('<') whose attributes hold `token` as a whole
/// class-like token (not part of a longer name such as "reviews-items-wrap"), or npos.
std::size_t find_marked_tag(std::string_view page, std::string_view token, std::size_t from = 0);

}  // namespace koubei::parsers::dianping
