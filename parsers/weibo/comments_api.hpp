#pragma once
// weibo.comments_api: m.weibo.cn hot-flow comments of one post,
//   GET /comments/hotflow?id={mid}&mid={mid}&max_id_type={0|1}[&max_id={cursor}]
//
//   {"ok": 1, "data": {"data": [{…a comment, see comment.hpp…}, …],
//                      "total_number": 1234, "max_id": 139293518785380, "max_id_type": 0}}
//
// The post's mid comes from the request URL (`mid`, else `id`; digits): the body does not carry
// it, and every record needs it (url, parent_id, root_id). A readable page whose URL names no post
// is unrecognized with a detail saying so: koubei cannot attach its comments, and guessing from
// `rootid` (a comment id) would file them under the wrong thread.
// Verdicts: signals.hpp; data.data absent or not an array is unrecognized; no comments and
// max_id 0 is empty.
// Cursor: "{max_id}:{max_id_type}" (e.g. "139293518785380:0"; max_id_type defaults to 0); end when
// max_id is 0 or absent. Weibo shows only part of a long thread (about 50 pages); the scheduler
// stops when the cursor ends.

#include "parsers/context.hpp"

namespace koubei::parsers::weibo {

ParseResult parse_comments_api(const Context& ctx);

}  // namespace koubei::parsers::weibo
