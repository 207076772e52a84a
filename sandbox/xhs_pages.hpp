#pragma once
// Simulated Xiaohongshu: the edith.xiaohongshu.com web API (search/notes, feed, comment/page,
// comment/sub/page, user/otherinfo) and the www.xiaohongshu.com /explore/{id} page with its
// window.__INITIAL_STATE__ (bare `undefined` included), in the shapes koubei's parsers read.
// Counts are strings ("1.9万", "10万+"), times ms epoch, topics "#x[话题]#", emoji "[赞R]".
// Search stops at page 12 (about 220 notes per keyword and sort); feed and comments need the
// note's xsec_token from the search item.
//
// The API endpoints check the x-s/x-t signature (signer.hpp) before anything else (HTTP 406
// {"code":-1} when wrong) and need a cookie with web_session= (code -100 otherwise).
//
// Thread safety: stateless over an immutable World.

#include "sandbox/http_types.hpp"
#include "sandbox/render_common.hpp"

namespace koubei::sandbox::xhs {

inline constexpr std::size_t kPageSize = 20;
inline constexpr std::size_t kLastPage = 11;  ///< page 12 answers has_more:false
inline constexpr std::size_t kCommentPage = 10;
inline constexpr std::size_t kInlineReplies = 1;

Response search_notes(const PageContext& ctx, const Request& req);
Response feed(const PageContext& ctx, const Request& req);
Response comments(const PageContext& ctx, const Request& req, bool sub_page);
Response user_info(const PageContext& ctx, const Request& req);
Response explore_html(const PageContext& ctx, std::string_view note_id);

/// The note's xsec_token (seed-keyed).
std::string xsec_token(const World& world, std::string_view note_id);

}  // namespace koubei::sandbox::xhs
