#pragma once
// weibo.search_api: m.weibo.cn keyword search,
//   GET /api/container/getIndex?containerid=100103type%3D1%26q%3D{kw}&page_type=searchall&page={n}
//
//   {"ok": 1, "data": {"cardlistInfo": {"page": 3, "total": 1000},
//                      "cards": [{"card_type": 9, "mblog": {…}},
//                                {"card_type": 11, "card_group": [{"card_type": 9, …}, …]}]}}
//   end of results: {"ok": 0, "msg": "这里还没有内容", "data": {"cards": []}}
//
// Posts and cards: cards.hpp, mblog.hpp. Verdicts: signals.hpp; a page without post cards is
// empty. Cursor: the next page number (cards.hpp next_page) while the page had posts; end
// otherwise. Weibo stops at 50 pages; that cap is the scheduler's business, not the parser's.

#include "parsers/context.hpp"

namespace koubei::parsers::weibo {

ParseResult parse_search_api(const Context& ctx);

}  // namespace koubei::parsers::weibo
