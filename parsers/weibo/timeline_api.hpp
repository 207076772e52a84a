#pragma once
// weibo.timeline_api: a user's posts on m.weibo.cn,
//   GET /api/container/getIndex?containerid=107603{uid}&since_id={cursor}    (MediaCrawler)
//   GET /api/container/getIndex?containerid=230413{uid}&page={n}&count=…     (weibo-crawler)
//
//   {"ok": 1, "data": {"cardlistInfo": {"containerid": "1076031669879400", "total": 1012,
//                                       "since_id": 4983512345678901},
//                      "cards": [{"card_type": 9, "mblog": {…, "mblogtype": 2}}, …]}}
//
// Posts and cards: cards.hpp, mblog.hpp (pinned posts, mblogtype 2, are kept and change nothing).
// Verdicts: signals.hpp; a page without post cards is empty.
// Cursor, by the request's containerid:
//   107603…  data.cardlistInfo.since_id (number or string of digits); end when absent, 0
//            or not digits;
//   230413…  the next page number (cards.hpp next_page);
//   other or no URL: since_id when the page has one, else the next page number.
// No cursor when the page had no readable post.

#include "parsers/context.hpp"

namespace koubei::parsers::weibo {

ParseResult parse_timeline_api(const Context& ctx);

}  // namespace koubei::parsers::weibo
