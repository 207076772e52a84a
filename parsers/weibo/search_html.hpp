#pragma once
// weibo.search_html: the s.weibo.com result page, GET https://s.weibo.com/weibo?q={kw}…&page={n}
// (dataabc/weibo-search's selectors, platforms.md §2.1C).
//
//   <div id="pl_feedlist_index">
//     <div class="card-wrap" action-type="feed_list_item" mid="5012345678901234">…one
//         post, see search_html_card.hpp…</div>
//     <div class="card-wrap">…a topic/user module without mid: ignored…</div>
//     <div class="m-page">
//       <a class="next" href="/weibo?q=%E5%8D%8E%E4%B8%BA&page=2">下一页</a></div>
//   </div>
//   no results:
//     <div class="card card-no-result s-pt20b40"><p>抱歉，未找到相关结果。</p></div>
//
// Speed: only the #pl_feedlist_index element matters (the page around it is navigation, the
// right-hand column and scripts), so it is cut out by string search (balanced <div>…</div> from
// the element's start tag) before Gumbo sees anything; when the marker is missing or not a div,
// the whole page is parsed. The pager and the no-result card sit inside that element.
// Verdicts (after signals.hpp's transport rules and the visitor page):
//   div.card-wrap[mid] present                → ok (or unrecognized when none is readable)
//   div.card-no-result and no posts           → empty
//   neither                                   → unrecognized (layout change)
// Cursor: the `page` parameter of a.next's href, while the page had posts; end without a.next.
// Weibo's 50-page cap is the scheduler's business.

#include "parsers/context.hpp"

namespace koubei::parsers::weibo {

ParseResult parse_search_html(const Context& ctx);

/// The #pl_feedlist_index element of a result page, or the whole page when it cannot be cut out.
std::string_view feedlist_region(std::string_view page);

}  // namespace koubei::parsers::weibo
