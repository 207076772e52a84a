#pragma once
// douyin.user_api: GET /aweme/v1/web/user/profile/other/?sec_user_id=&publish_video_strategy_type=2
// A profile yields no mention, only one AuthorFacts for the author cache (influence.md).
//
//   {"status_code": 0,
//    "user": {"uid": "93847261055", "sec_uid": "MS4wLjABAAAA…",      → id (sec_uid, else uid)
//             "nickname": "成都吃货小分队",                             → name
//             "follower_count": 1280345, "mplatform_followers_count": 1350000,
//             "max_follower_count": 1350000,                          → followers, see below
//             "custom_verify": "美食自媒体", "enterprise_verify_reason": "",  → verified_type
//             "following_count": 210, "total_favorited": 23000000, "aweme_count": 486,
//             "ip_location": "IP属地：四川", "unique_id": "…", "short_id": "…", …}}
//
// followers: follower_count (the Douyin fan count the profile page shows) when it is above 0.
// When it is absent or 0 — a zero that Douyin also sends for accounts whose fans are hidden —
// mplatform_followers_count (Douyin + Toutiao + Xigua, the broadest count the platform publishes),
// then max_follower_count (MediaCrawler's choice), each only when above 0. When all are 0 the
// account really has no fans: 0. When none is present: null.
//
// Verdicts beyond the envelope (envelope.hpp): user an object with an id → ok (cursor end);
// user null with status_code 0 → not_found; anything else → unrecognized.

#include "parsers/context.hpp"

namespace koubei::parsers::douyin {

ParseResult parse_user_api(const Context& ctx);

}  // namespace koubei::parsers::douyin
