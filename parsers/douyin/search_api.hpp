#pragma once
// douyin.search_api: GET /aweme/v1/web/general/search/single/ (and /aweme/v1/web/search/item/).
//
//   {"status_code": 0, "has_more": 1, "cursor": 20, "extra": {"logid": "2026112210…"},
//    "data": [
//      {"type": 1, "aweme_info": {aweme}},                                  ┐ any mix on one
//      {"type": 996, "aweme_mix_info": {"mix_items": [{aweme}, …]}},        │ page; every
//      {"card_info": {"attached_info": {"aweme_list": [{aweme}, …]}}},      │ variant yields
//      {"user_list": [{"user_info": {…}, "items": [{aweme}, …]}, …]},       ┘ its awemes
//      {"type": 16, "live_info": {…}}                                         other cards: ignored
//    ],
//    "search_nil_info": {"search_nil_type": "verify_check", "search_nil_item": "verify_check"}}
//
// Awemes are mapped by map_aweme (aweme.hpp) and de-duplicated by aweme_id within the page (the
// first occurrence wins); a user card's user_info joins the page's AuthorFacts. Cursor: `cursor`
// when has_more is 1/true, else end; Cursor::session = extra.logid, which the next request sends
// as its search_id (MediaCrawler core.py).
//
// Verdicts beyond the envelope (envelope.hpp), judged only when data[] yields no aweme:
//   search_nil_type / search_nil_item     verdict              source
//   verify_check                          captcha              platforms.md §3 (slider disguised
//                                                              as an empty result)
//   login                                 login_required       platforms.md §3
//   params_check / invalid_app            signature_rejected   public clients: "需完整签名"
//   antispam_check / hit_shark            rate_limited         public clients: Shark anti-spam
//   absent, {}, or no_result, with data [] or null, has_more 0/false and status_code 0
//                                         empty (a genuine "no results")
//   any other nil type, has_more 1 with data [], no data member, or data[] elements none of
//   which carries an aweme variant        unrecognized
// Rows win: a page that yields awemes is ok whatever search_nil_info says.

#include "parsers/context.hpp"

namespace koubei::parsers::douyin {

ParseResult parse_search_api(const Context& ctx);

}  // namespace koubei::parsers::douyin
