#pragma once
// douyin.comments_api: GET /aweme/v1/web/comment/list/?aweme_id=&cursor=&count=20 (top level)
// and GET /aweme/v1/web/comment/list/reply/?item_id=&comment_id=&cursor=&count=20 (replies).
//
//   {"status_code": 0, "cursor": 20, "has_more": 1, "total": 356,
//    "comments": [
//      {"cid": "7441300000000000001",                → native_id, id "douyin:comment:{cid}"
//       "aweme_id": "7441234567890123456",           → root_id "douyin:video:{aweme_id}" (else
//                                                      the URL's aweme_id / item_id)
//       "text": "排了一个小时 @小王 值得",             → text as is
//       "text_extra": [{"hashtag_name": "…"}],       → tags
//       "create_time": 1763770000,                   → created_at (seconds)
//       "digg_count": 88,                            → metrics.likes
//       "reply_comment_total": 12,                   → metrics.comments and more_replies
//       "reply_id": "0" | "{parent cid}",           ┐ parent_id, see below
//       "reply_to_reply_id": "0" | "{cid}",         ┘
//       "ip_label": "四川",                           → ip_location
//       "user": {"uid", "sec_uid", "nickname", …},   → author (author.hpp)
//       "image_list": [{"origin_url": {"url_list": [u]}}]}   → media images
//    ]}
//   No comments: {"status_code": 0, "comments": null, "has_more": 0, "total": 0}
//
// parent_id: reply_to_reply_id when it names a comment (a reply to a reply answers that reply);
// otherwise the thread head: on the reply endpoint the URL's comment_id (falling back to
// reply_id), on the list endpoint reply_id; "0" or absent means top level, whose parent is the
// post. url: https://www.douyin.com/video/{aweme_id}?comment_id={cid}. Cursor: `cursor` when
// has_more is 1, else end.
//
// Verdicts beyond the envelope (envelope.hpp):
//   comments[] with entries                       ok (unreadable entries skipped)
//   comments null or [] with has_more 0/false and status_code 0
//                                                 empty
//   comments null or [] with has_more 1           unrecognized (a silent refusal, not an end)
//   no comments member, or not an array           unrecognized

#include "parsers/context.hpp"

namespace koubei::parsers::douyin {

ParseResult parse_comments_api(const Context& ctx);

}  // namespace koubei::parsers::douyin
