#pragma once
// xiaohongshu.comments_api:
// top comments:
//   GET https://edith.xiaohongshu.com/api/sns/web/v2/comment/page?note_id=…&cursor=…
//       &top_comment_id=&image_formats=jpg,webp,avif&xsec_token=…
// replies:
//   GET …/api/sns/web/v2/comment/sub/page?note_id=…&root_comment_id=…&num=10&cursor=…
//
//   {"code":0,"success":true,"msg":"成功","data":{"cursor":"6742a9…","has_more":true,
//    "time":1763776800000,"user_id":"…","xsec_token":"…",
//    "comments":[{…comment, see comment_mapper.hpp…, "sub_comments":[{…reply…}]}]}}
//
// Contract:
// - Each comment becomes a comment record (comment_mapper.hpp), followed by its inline
//   sub_comments (parent: the comment they target, else that top comment). On a sub-comment page
//   (root_comment_id in the request URL) the comments are replies whose default parent is that
//   root comment. Comments without note_id take the request's note_id.
// - Cursor: data.cursor while data.has_more is true, else end (has_more without a cursor: end and
//   a diagnostic).
// - Verdicts: ok; empty for no comments and has_more false; unrecognized without data.comments;
//   the rest from signals.hpp (406 on sub-comment pages is the outdated-signature case).

#include "parsers/context.hpp"

namespace koubei::parsers::xiaohongshu {

ParseResult parse_comments_api(const Context& ctx);

}  // namespace koubei::parsers::xiaohongshu
