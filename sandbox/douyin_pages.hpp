#pragma once
// Simulated Douyin: the www.douyin.com web API (general/search/single and search/item,
// aweme/detail, comment/list and comment/list/reply, user/profile/other) and the /video/{id} page
// with its url-encoded RENDER_DATA, in the shapes koubei's douyin parsers read. Search results mix
// the variants Douyin sends (aweme_info, aweme_mix_info.mix_items, card_info.attached_info,
// user_list items, live cards); the RENDER_DATA slot key varies ("41", "c_12").
//
// The API endpoints check the a_bogus query signature (signer.hpp: the last parameter, over
// everything before it) and need a cookie with sessionid=; they answer like Douyin when either is
// wrong (search_nil_info params_check / login; status_code 8; "params check failed").
//
// Thread safety: stateless over an immutable World.

#include "sandbox/http_types.hpp"
#include "sandbox/render_common.hpp"

namespace koubei::sandbox::douyin {

inline constexpr std::size_t kDefaultCount = 15;
inline constexpr std::size_t kSearchCap = 200;
inline constexpr std::size_t kCommentPage = 20;

Response search(const PageContext& ctx, const Request& req);
Response detail(const PageContext& ctx, const Request& req);
Response comments(const PageContext& ctx, const Request& req, bool replies);
Response profile(const PageContext& ctx, const Request& req);
Response video_html(const PageContext& ctx, std::string_view aweme_id, bool logged_in);

}  // namespace koubei::sandbox::douyin
