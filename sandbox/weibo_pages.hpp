#pragma once
// Simulated Weibo: m.weibo.cn (getIndex search and timelines, hotflow comments, detail pages) and
// s.weibo.com (search result HTML), in the shapes koubei's weibo parsers read
// (parsers/weibo/*.hpp) with their quirks: card_group nesting, counts as "12.3万" strings, capped
// counts with number_display_strategy "100万+", relative times on HTML pages, isLongText posts
// whose full text is on the detail page, the 50-page search cap, timescope filters.
//
// Login: detail pages, hotflow comments and s.weibo.com need a cookie with SUB=; without one they
// answer the way Weibo does (error page, ok:-100 to passport, the visitor page).
//
// Thread safety: stateless over an immutable World.

#include "sandbox/http_types.hpp"
#include "sandbox/render_common.hpp"

namespace koubei::sandbox::weibo {

inline constexpr std::size_t kPageSize = 10;
inline constexpr std::size_t kPageCap = 50;  ///< pages per search
inline constexpr std::size_t kCommentPage = 20;

/// GET /api/container/getIndex?containerid=100103type%3D{T}%26q%3D{kw}|107603{uid}|230413{uid}
Response get_index(const PageContext& ctx, const Request& req, bool logged_in);
/// GET /comments/hotflow?id=&mid=&max_id_type=[&max_id=]
Response hotflow(const PageContext& ctx, const Request& req, bool logged_in);
/// GET /detail/{mid}
Response detail_html(const PageContext& ctx, std::string_view mid, bool logged_in);
/// GET /weibo?q=&page=[&timescope=custom:YYYY-MM-DD-H:YYYY-MM-DD-H][&xsort=hot]
Response search_html(const PageContext& ctx, const Request& req, bool logged_in);

// Shared by the JSON and HTML pages (weibo_json.cpp).
void append_mblog(std::string& out, const PageContext& ctx, const Post& post, bool full_text);
/// The post's text as Weibo's HTML (emoji as url-icon images, topics as links).
std::string text_html(std::string_view text);
std::string region_of(std::uint64_t h);

}  // namespace koubei::sandbox::weibo
