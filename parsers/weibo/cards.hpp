#pragma once
// The card list of m.weibo.cn `getIndex` containers (keyword search 100103…, user timelines
// 107603{uid} / 230413{uid}) and the page-number cursor they share.
//
//   {"ok": 1, "data": {
//     "cardlistInfo": {"containerid": "…", "total": 1012, "page": 2, "since_id": 4983…},
//     "cards": [
//       {"card_type": 9, "itemid": "…", "mblog": {…}},                     // a post
//       {"card_type": 11, "card_group": [                                 // a group of cards
//          {"card_type": 10, "user": {…}},                                // not a post: ignored
//          {"card_type": 9, "mblog": {…}}]},                              // a post
//       {"card_type": 58, …}]}}                                           // not a post: ignored
//
// Posts are the cards with card_type 9 (a number, or a string of digits), at the top level or
// inside card_group[] (MediaCrawler media_platform/weibo/help.py). Other cards are silently
// ignored: they are not posts. A card_type 9 card without an mblog object is skipped (counted).
//
// Page cursor: the request's `page` parameter (default 1) is the current page. cardlistInfo.page,
// where present, is the NEXT page number (page 1 of a saved response says "page": 2, and the
// benchmark generator writes n + 1 on page n); it is used when it lies beyond the current page,
// otherwise next = current + 1.

#include "parsers/context.hpp"
#include "parsers/weibo/mblog.hpp"
#include "parsers/weibo/page_builder.hpp"

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string_view>

namespace koubei::parsers::weibo {

/// A whole card-list page: the API gate (signals.hpp), then data.cards (absent or not an array:
/// unrecognized), its posts, and the listing verdict with the cursor `next_of(root)` gives.
ParseResult parse_card_list(const Context& ctx,
                            const std::function<Cursor(simdjson::dom::element root)>& next_of);

/// Adds every post of `data.cards` to the page; counts the post cards found and read.
Tally add_card_posts(const Context& ctx, PageBuilder& page, simdjson::dom::array cards);

/// The request URL's page number (1 when absent or not a number in 1..1000000).
std::int64_t request_page(std::string_view url);

/// The page after the current one (see above).
Cursor next_page(simdjson::dom::element root, std::string_view url);

}  // namespace koubei::parsers::weibo
