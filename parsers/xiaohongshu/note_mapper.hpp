#pragma once
// One XHS note object → one ParsedItem (kind note), for the feed API, the explore HTML state and
// the search API cards. The key spelling is a parameter (note_keys.hpp); the mapping is written
// once.
//
// Input (feed API note_card; the state's note has the same fields in camelCase):
//   {"note_id":"6741b2c5000000000703a1f2","type":"normal"|"video","title":"…",
//    "desc":"周末去了… #上海咖啡[话题]# @小鹿 [赞R]","time":1732264800000,
//    "last_update_time":1732268400000,"ip_location":"上海",
//    "user":{"user_id":"5c80c3ff0000000016015198","nickname":"迷路与鹿","avatar":"…"},
//    "interact_info":{"liked_count":"1.9万","collected_count":"3521","comment_count":"286",
//                     "share_count":"10w+"},
//    "image_list":[{"url_default":"…","info_list":[…]}],
//    "tag_list":[{"id":"…","name":"上海咖啡","type":"topic"}],
//    "video":{"consumer":{"origin_video_key":"…"},"media":{"stream":{"h264":[{"master_url":…}]}}}}
//
// Record: id xiaohongshu:note:{note_id}, url https://www.xiaohongshu.com/explore/{note_id};
// title = title (null when empty); text = plain_text(desc), "" when the page has no desc;
// tags = tag_list entries of type topic, then the topics in the text and in the title,
// deduplicated;
// media = the video (video notes) then every image (cover when there is no image_list);
// created_at = time (ms epoch, second precision); metrics likes/collects/comments/shares from
// interact_info (views: XHS shows none); ip_location normalized; author from user (no followers:
// note cards carry none). The note's xsec_token, when the object has one, goes to the item.

#include "parsers/context.hpp"
#include "parsers/json/fields.hpp"
#include "parsers/xiaohongshu/note_keys.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::xiaohongshu {

using json::element;

/// Maps `card`. The note id is card[keys.note_id], else `fallback_id` (search item id, state map
/// key). On an unusable note (not an object, no valid id) records the skip at `where` in result
/// and returns nullopt; degraded fields add diagnostics. Author facts go to result.authors.
std::optional<ParsedItem> map_note(const Context& ctx,
                                   element card,
                                   const NoteKeys& keys,
                                   std::string_view fallback_id,
                                   const std::string& where,
                                   ParseResult& result);

}  // namespace koubei::parsers::xiaohongshu
