#pragma once
// xiaohongshu.search_api: POST https://edith.xiaohongshu.com/api/sns/web/v1/search/notes
//
//   {"code":0,"success":true,"msg":"成功","data":{"has_more":true,"items":[
//     {"id":"6741b2c5000000000703a1f2","model_type":"note","xsec_token":"ABxY…=",
//      "note_card":{"type":"normal","display_title":"上海探店｜藏在弄堂里的咖啡馆☕",
//        "user":{"user_id":"…","nickname":"迷路与鹿","nick_name":"迷路与鹿","avatar":"…"},
//        "interact_info":{"liked":false,"liked_count":"2401"},
//        "cover":{"url_default":"…","url_pre":"…"},
//        "image_list":[{"info_list":[{"image_scene":"WB_PRV","url":"…"},
//                                    {"image_scene":"WB_DFT","url":"…"}]}]}},
//     {"id":"…","model_type":"rec_query","rec_query":{"title":"相关搜索",…}},
//     {"id":"…","model_type":"hot_query","hot_query":{…}}]}}
//
// Contract:
// - Each note item becomes a note record through the shared note mapper (kSearchCardKeys): the
//   card's display_title is the title; cards carry no body, no time and no tags, so text is "",
//   created_at null, and the item is marked truncated (the scheduler fetches the note through
//   xiaohongshu.feed_api with the item's xsec_token, kept in ParsedItem::xsec_token, for the full
//   record). Cards carry no follower counts.
// - rec_query / hot_query items are search suggestions, not notes: dropped silently (not counted
//   as skipped). Any other model_type is skipped with a diagnostic.
// - Cursor: the page number is in the POST body, which the parser never sees, so the cursor is
//   "more" while data.has_more is true (the XHS client keeps the page number and search_id and
//   asks for page + 1) and end otherwise. XHS stops at about page 11-12 (has_more:false).
// - Verdicts: ok with notes; empty when there are no notes and has_more is false; ok (no items,
//   cursor "more") when a page holds only suggestions but more follow; unrecognized without
//   data.items; the rest from signals.hpp.

#include "parsers/context.hpp"

namespace koubei::parsers::xiaohongshu {

/// The value of a search cursor that has a next page.
inline constexpr std::string_view kMoreCursor = "more";

ParseResult parse_search_api(const Context& ctx);

}  // namespace koubei::parsers::xiaohongshu
