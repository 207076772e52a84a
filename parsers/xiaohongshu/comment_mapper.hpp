#pragma once
// One XHS comment object → one ParsedItem (kind comment), for top comments, their inline replies
// and sub-comment pages alike.
//
//   {"id":"6742a0b1000000001f00c3d4","note_id":"6741b2c5000000000703a1f2",
//    "content":"请问地址在哪里呀[害羞R] @迷路与鹿",
//    "create_time":1732270000000,"ip_location":"浙江",
//    "like_count":"128","sub_comment_count":"14","sub_comment_has_more":true,
//    "sub_comment_cursor":"6742a3…","status":0,"show_tags":[],
//    "user_info":{"user_id":"…","nickname":"…","image":"…"},
//    "pictures":[{"url_default":"…","info_list":[…]}],
//    "sub_comments":[{"id":"…","note_id":"…","content":"…","like_count":"3",
//                     "user_info":{…},"target_comment":{"id":"…","user_info":{…}}}]}
//
// Record: id xiaohongshu:comment:{id}, url https://www.xiaohongshu.com/explore/{note_id}
// ?comment_id={id}; root_id xiaohongshu:note:{note_id}; parent_id the comment named by
// target_comment.id when there is one, else `default_parent` (the top comment for inline replies,
// root_comment_id on a sub-comment page), else the note. text = plain_text(content); tags = its
// topics; media = pictures; created_at = create_time (ms); likes = like_count; comments =
// sub_comment_count (replies; null where not shown); ip_location normalized; author from
// user_info; target_comment.user_info is also an author the page shows (AuthorFacts).
// more_replies = sub_comment_count − inline sub_comments when sub_comment_has_more is true, at
// least 1 then (a count that is missing or not above the inline replies still means "more").

#include "parsers/context.hpp"
#include "parsers/json/fields.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::xiaohongshu {

using json::element;

struct CommentContext {
  std::string_view note_id;         ///< the request's note_id, for comments without one
  std::string_view default_parent;  ///< record id; empty: the note
};

/// Maps one comment; on an unusable one (no valid id or note id) records the skip at `where`.
std::optional<ParsedItem> map_comment(const Context& ctx,
                                      element comment,
                                      const CommentContext& thread,
                                      const std::string& where,
                                      ParseResult& result);

}  // namespace koubei::parsers::xiaohongshu
