#pragma once
// The native ids of sandbox items, in each platform's own form, and back. An id encodes where the
// item sits in the world (stream, hour bucket, index; comment and reply numbers), so a detail or
// comment request needs no lookup table:
//   weibo        mid "4SSSSSBBBBBBJJJ" (15 digits), comment "5…CCCR" (19 digits), uid 10 digits
//   xiaohongshu  note "6741b2c5" + hex fields (24 hex), comment "6742a0" + hex (24), user 24 hex
//   douyin       aweme "74SSSSSBBBBBBJJJ000" (19 digits), cid "75…CCCR" (20), sec_uid MS4wLjAB…
//   dianping     review "8SSSSSBBBBBBJJJ" (15 digits), member 9 digits
//
// Pure functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sandbox/world.hpp"

namespace koubei::sandbox {

struct CommentKey {
  ItemKey post;
  std::uint32_t index = 0;
  std::uint32_t reply = 0;
};

std::string post_id(PlatformId p, const ItemKey& key);
std::optional<ItemKey> parse_post_id(PlatformId p, std::string_view id);

std::string comment_id(PlatformId p, const ItemKey& post, std::uint32_t index, std::uint32_t reply);
std::optional<CommentKey> parse_comment_id(PlatformId p, std::string_view id);

/// The author's public id (Weibo uid, XHS user_id, Douyin sec_uid, Dianping member id).
std::string author_id(PlatformId p, std::uint32_t index);
std::optional<std::uint32_t> parse_author_id(PlatformId p, std::string_view id);
/// Douyin's numeric uid beside the sec_uid.
std::string douyin_uid(std::uint32_t index);

/// koubei's record id of a post: "weibo:post:…", "xiaohongshu:note:…", "douyin:video:…",
/// "dianping:review:…".
std::string post_record_id(PlatformId p, const ItemKey& key);
std::string comment_record_id(PlatformId p, const ItemKey& post, std::uint32_t index,
                              std::uint32_t reply);

}  // namespace koubei::sandbox
