#pragma once
// A hotflow comment (or one of its inline replies) → a comment record.
//
//   {"id": 5101234567890123, "rootid": "5101234567890123", "floor_number": 3,
//    "created_at": "Sat Nov 16 22:38:31 +0800 2024",
//    "text": "回复<a href='/n/小王'>@小王</a>:同感<span class=\"url-icon\">
//             <img alt=[哈哈] …></span>",
//    "like_count": "74",                        // string or integer
//    "total_number": 12,                        // replies to this comment
//    "source": "来自 陕西",
//    "pic": {"pid": "…", "url": "https://wx1.sinaimg.cn/…",
//            "large": {"url": "…"}},            // optional
//    "user": {…},                               // see user.hpp
//    "comments": [{…a reply…}] | false}         // inline replies; false when none
//
// Mapping: native_id = id (digits; else skipped); url https://m.weibo.cn/detail/{mid}?cid={id};
// parent_id = the post ("weibo:post:{mid}") for a top comment, the top comment
// ("weibo:comment:{id}") for an inline reply; root_id = the post. `rootid` is the thread's top
// COMMENT id in Weibo's data, not the post, so it never stands in for the post mid (that comes
// from the request URL). text = html_to_text(text); tags = extract_topics(text); likes =
// like_count (like_counts on weibo.com-shaped comments); comments = total_number (replies);
// shares, collects, views null; ip_location from source; media: pic (large.url, else url) when
// present. ParsedItem::more_replies = total_number − inline replies shown, when positive (top
// comments only: Weibo threads are two levels deep).

#include "parsers/context.hpp"
#include "parsers/weibo/page_builder.hpp"

#include <simdjson.h>

#include <optional>
#include <string>

namespace koubei::parsers::weibo {

/// The thread a comment belongs to.
struct Thread {
  std::string post_mid;                   ///< digits, from the request URL
  std::optional<std::string> parent_cid;  ///< set for an inline reply: the top comment's id
};

/// Adds the comment (and, for a top comment, its inline replies) to the page. Returns false when
/// the comment itself was skipped.
bool add_comment(const Context& ctx,
                 PageBuilder& page,
                 simdjson::dom::element comment,
                 const std::string& where,
                 const Thread& thread);

}  // namespace koubei::parsers::weibo
