#pragma once
// xiaohongshu.feed_api: POST https://edith.xiaohongshu.com/api/sns/web/v1/feed (note detail;
// body {"source_note_id","xsec_source","xsec_token",…}).
//
//   {"code":0,"success":true,"msg":"成功","data":{"cursor_score":"","current_time":1763776800000,
//    "items":[{"id":"6741b2c5000000000703a1f2","model_type":"note",
//      "note_card":{"note_id":"6741b2c5000000000703a1f2","type":"video","title":"…","desc":"…",
//        "time":1732264800000,"last_update_time":…,"ip_location":"上海",
//        "user":{"user_id":"…","nickname":"…","avatar":"…"},
//        "interact_info":{"liked_count":"1.9万","collected_count":"3521","comment_count":"286",
//                         "share_count":"10w+"},
//        "image_list":[{"url_default":"…","info_list":[…]}],
//        "tag_list":[{"id":"…","name":"上海咖啡","type":"topic"}],"at_user_list":[],
//        "video":{"consumer":{"origin_video_key":"…"},"media":{"stream":{"h264":[…]}}}}}]}}
//
// Contract:
// - Every data.items[] entry with a note_card becomes a full note record (note_mapper.hpp,
//   kApiKeys); the note id is note_card.note_id, else the item's id. Normally there is one.
// - Verdicts: ok; not_found when data.items is empty (the feed answered without the note that
//   the body asked for: deleted or hidden; XHS usually says so with -510000/-510001 instead);
//   unrecognized without data.items, or when no item has a note_card; the rest from signals.hpp.
// - Cursor: always end (a detail page).

#include "parsers/context.hpp"

namespace koubei::parsers::xiaohongshu {

ParseResult parse_feed_api(const Context& ctx);

}  // namespace koubei::parsers::xiaohongshu
