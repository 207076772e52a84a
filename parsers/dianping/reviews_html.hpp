#pragma once
// dianping.reviews_html: http://www.dianping.com/shop/{shopId}/review_all[/p{n}] (platforms.md
// §2.4). One page of a shop's reviews → review mentions, the next page number, the reviewers as
// author facts, and an honest verdict.
//
// Page shape (authored from the anchors' selectors; no public capture exists), trimmed:
//   <link rel="stylesheet" href="//s3plus.meituan.net/v1/mss_…/svgtextcss/….css">   (page_verdict)
//   <div class="review-shop-wrap"><div class="shop-info"><h1 class="shop-name">…</h1>…</div></div>
//   <div class="reviews-items">
//     <ul><li>… one review, see review_item.hpp …</li> …</ul>
//     <div class="reviews-pages"><span class="PageSel">2</span> …
//       <a class="NextPage" href="/shop/k9AX5KRm7Fg5QOfG/review_all/p3">下一页</a></div>
//   </div>
//
// Steps:
//   1. transport_verdict (status, redirects); then the page is cut to the shop header and the
//      reviews region (page_cut.hpp) so Gumbo parses a fraction of it (the whole page when the
//      markers are not found in a tag). No reviews container → body_verdict (captcha / not_found
//      / login_required / unrecognized).
//   2. Reviews: the `li` of `.reviews-items > ul`, or each `.main-review` where there is no such
//      list. Each is mapped by map_review (skipped, counted, when it has no review id).
//   3. Shop: target.id is the shop id of the request URL; the name is the first `.shop-name`
//      outside the reviews (`h1.shop-name` in `.review-shop-wrap`); both also give the title.
//   4. Verdict: ok with any review element; with none, empty when the container shows a "暂无…"
//      notice or an empty list, unrecognized otherwise (a container whose content changed).
//   5. Cursor: the page number of `a.NextPage` (its href's "/p{n}", else data-pg, else its text),
//      end when there is none. A next page not after the current one (request URL "/p{n}", 1
//      without) is refused with a diagnostic, so a broken pager cannot loop.
//
// Pure. Thread safety: stateless.

#include "parsers/context.hpp"

namespace koubei::parsers::dianping {

ParseResult parse_reviews_html(const Context& ctx);

}  // namespace koubei::parsers::dianping
