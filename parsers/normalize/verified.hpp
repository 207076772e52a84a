#pragma once
// Author verification, normalized across platforms to model::VerifiedType.
//
// Contract: pure functions; no exceptions, no IO. Unknown inputs map to "not verified" (kNone) or,
// where the page may simply lack a badge we know, to std::nullopt (unknown).
//
// Sources:
//   Weibo `verified_type` (m.weibo.cn / weibo.com user objects). platforms.md §2.1A cites
//   weibo-crawler's README: "-1 none, 0 personal, 2 enterprise, 3 government (these types are
//   guesses)". We follow Weibo's own open-platform user documentation (users/show, field
//   verified_type): 0 名人 (individual, orange/yellow V), 1 政府, 2 企业, 3 媒体, 4 校园, 5 网站,
//   6 应用, 7 团体/机构. The two disagree on 3: weibo-crawler guesses government, Weibo documents
//   media (government is 1); we take Weibo's documentation. 200/220 are 微博达人 (a membership
//   tier, not a verification).
//   s.weibo.com badge: the avatar's svg id (platforms.md §2.1C).
//   Douyin: `custom_verify` (individual certification text) and `enterprise_verify_reason`
//   (blue-V enterprise) on the author/user object (platforms.md §2.3, §6).
//
// Thread safety: stateless.

#include <cstdint>
#include <optional>
#include <string_view>

#include "parsers/model/mention.hpp"

namespace koubei::normalize {

/// -1 → kNone; 0 → kPersonal; 1 → kGovernment; 2 → kOrganization; 3 → kMedia;
/// 4, 5, 6, 7 → kOrganization (campus, website, app, group/institution); anything else, including
/// 200 and 220 (微博达人), → kNone.
model::VerifiedType weibo_verified_type(std::int64_t verified_type);

/// s.weibo.com avatar badge: "woo_svg_vblue" (蓝V) → kOrganization; "woo_svg_vyellow" (黄V),
/// "woo_svg_vorange" (红V), "woo_svg_vgold" (金V) → kPersonal; any other id → std::nullopt.
std::optional<model::VerifiedType> weibo_badge_type(std::string_view svg_id);

/// Douyin: a non-empty enterprise reason → kOrganization; else a non-empty custom_verify →
/// kPersonal; else kNone. Whitespace-only strings count as empty.
model::VerifiedType douyin_verified_type(std::string_view custom_verify,
                                         std::string_view enterprise_verify_reason);

/// True for every type except kNone.
bool is_verified(model::VerifiedType type);

}  // namespace koubei::normalize
