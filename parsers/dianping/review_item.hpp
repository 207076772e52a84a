#pragma once
// One Dianping review element → one mention.v1 review (kind review).
//
// Input shape (authored from platforms.md §2.4 and the anchors' selectors: no public capture of
// this page exists), trimmed:
//   <li>
//     <a class="dper-photo-aside" href="/member/12345678"><img …></a>
//     <div class="main-review">
//       <div class="dper-info"><a class="name" href="/member/12345678">小王爱吃辣</a></div>
//       <div class="review-rank">
//         <span class="sml-rank-stars sml-str45 star"></span>
//         <span class="score"><span class="item">口味：4.5</span> … 人均：88元</span>
//       </div>
//       <div class="review-truncated-words">前一百字……
//         <div class="less-words"><a class="fold">展开评价</a></div></div>
//       <div class="review-words Hide">全文<svgmtsi class="review">&#xe1f2;</svgmtsi>……
//         <div class="less-words"><a class="unfold">收起评价</a></div></div>
//       <div class="review-recommend">喜欢的菜：<a>毛肚</a> …</div>
//       <div class="review-pictures"><ul>
//         <li class="item"><a href="//qcloud.dpfile.com/pc/x.jpg"><img …></a></li></ul></div>
//       <div class="misc-info clearfix">
//         <span class="time">2025-11-20 08:00</span>
//         <span class="actions"><a class="praise" data-id="1234567890">赞</a><em>(12)</em>
//           <a class="reply" data-id="1234567890">回应</a><em>(3)</em> …</span>
//       </div>
//       <div class="shop-reply"><div class="shop-reply-content Hide">感谢您的光临……</div></div>
//     </div>
//   </li>
//
// Mapping (unknown → null; a degraded field adds a Diagnostic and keeps the review):
//   native_id   the first `.actions a[data-id]`; none (or not an id) → the review is skipped
//   url         https://www.dianping.com/review/{id}
//   author      `.name`: text → name; href /member/{id} → id, https://www.dianping.com/member/{id}
//               (an anonymous reviewer shown without a link keeps only the name)
//   rating      `sml-str{NN}` → NN/10 (0..5); absent → null; malformed → null + diagnostic
//   text        `div.review-words.Hide` (the full text of a folded review) else `div.review-words`,
//               obfuscated characters resolved (glyphs.hpp), the trailing "收起评价" link removed.
//               With only `div.review-truncated-words`: that text without "展开评价", and the item
//               is marked truncated. No text element → "" + diagnostic.
//   tags        #topics# in the text (normalize::extract_topics)
//   media       `.review-pictures a[href]` → images ("//…" → https:, "/photos/…" on the www host)
//   created_at  `span.time` through review_time_text and normalize::parse_time
//   metrics     likes "赞(N)", comments "回应(N)" in `.actions`; shares, collects, views null
//   title, target   the shop, as the page gives it
// Not in the record, on purpose: the sub-scores and 人均 of `span.score` (mention.v1 has `rating`
// only), the liked dishes of `.review-recommend` (not the reviewer's text), and the merchant reply
// `.shop-reply-content` (the shop's answer, not a mention; its subtree is never searched, so its
// time or links cannot leak into the review). ip_location: not shown on this page → null.
//
// Thread safety: stateless; results own their strings.

#include "parsers/context.hpp"
#include "parsers/html/document.hpp"

#include <optional>
#include <string>

namespace koubei::parsers::dianping {

/// The shop every review on the page is about.
struct Shop {
  std::optional<std::string> id;    ///< from the request URL
  std::optional<std::string> name;  ///< from the page header
};

/// The visible text of an element, obfuscated characters resolved with ctx.glyphs; those left
/// unknown are counted in result.unknown_glyphs.
std::string element_text(const Context& ctx,
                         const html::Document& doc,
                         const GumboNode* element,
                         ParseResult& result);

/// The review in `item` (an `li` or a `.main-review`), or nullopt after skip_item() when it has no
/// review id. `where` names it in diagnostics ("li.main-review[3]").
std::optional<ParsedItem> map_review(const Context& ctx,
                                     const html::Document& doc,
                                     const GumboNode* item,
                                     const Shop& shop,
                                     const std::string& where,
                                     ParseResult& result);

}  // namespace koubei::parsers::dianping
