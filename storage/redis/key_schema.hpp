#pragma once
// The Redis keys koubei writes (documented in storage/README.md, "Redis key schema"). Every key
// starts with [redis] key_prefix and puts its entity in a hash tag {…}, so that on Redis Cluster
// all keys of one mention, author or job live in one slot while different ones spread out.
//
//   <prefix>dedup:{<mention id>}            string  "c:<token>" claimed / "d" delivered
//   <prefix>author:{<platform>:<user id>}   hash    f v t s (followers, verified, type, seen ms)
//   <prefix>checkpoint:{<job id>}           hash    cursor wm wm_ids at
//
// Pure functions.

#include <string>
#include <string_view>

namespace koubei::storage::redis {

inline void append_tagged(std::string& out,
                          std::string_view prefix,
                          std::string_view kind,
                          std::string_view entity) {
  out.append(prefix);
  out.append(kind);
  out.append(":{");
  out.append(entity);
  out.push_back('}');
}

inline std::string dedup_key(std::string_view prefix, std::string_view id) {
  std::string key;
  key.reserve(prefix.size() + id.size() + 8);
  append_tagged(key, prefix, "dedup", id);
  return key;
}

inline std::string author_key(std::string_view prefix,
                              std::string_view platform,
                              std::string_view user_id) {
  std::string entity;
  entity.reserve(platform.size() + user_id.size() + 1);
  entity.append(platform).append(":").append(user_id);
  std::string key;
  append_tagged(key, prefix, "author", entity);
  return key;
}

inline std::string checkpoint_key(std::string_view prefix, std::string_view job_id) {
  std::string key;
  append_tagged(key, prefix, "checkpoint", job_id);
  return key;
}

/// Value of a confirmed (delivered) dedup key.
inline constexpr std::string_view kDeliveredValue = "d";
/// Prefix of a claim's value; the rest is the claiming handle's token.
inline constexpr std::string_view kClaimPrefix = "c:";

}  // namespace koubei::storage::redis
