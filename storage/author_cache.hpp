#pragma once
// AuthorCache: what koubei last learned about an author (followers, verification, when seen), so
// that pages without follower counts (comments, some search variants) still get an influence
// score (influence.md "partial"). Kept on the dedup backend (Redis or the embedded store).
//
// Contract
// - Keys are (platform name, author id) strings; storage knows no platform beyond that string.
// - put() overwrites with the newer facts; entries expire after the configured TTL. put_many()
//   is put() of each (one round trip on Redis).
// - get_many() answers in one round trip; a missing author is an empty optional.
// - Thread safety: none; one handle per storage thread.

#include "config/error.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace koubei::storage {

struct AuthorKey {
  std::string platform;  ///< "weibo", "xiaohongshu", "douyin", "dianping"
  std::string id;        ///< the platform's user id
};

struct AuthorFacts {
  std::optional<std::int64_t> followers;
  std::optional<bool> verified;
  std::string verified_type;  ///< mention.md names ("personal", ...), "" when unknown
  std::int64_t last_seen_ms = 0;  ///< Unix ms of the page that told us
};

struct AuthorPut {
  AuthorKey key;
  AuthorFacts facts;
};

class AuthorCache {
 public:
  virtual ~AuthorCache() = default;
  virtual Result<void> put(const AuthorKey& key, const AuthorFacts& facts) = 0;
  /// put() of each, in order; a backend may send them together (Redis: one round trip). The
  /// first error is returned, after every put was tried.
  virtual Result<void> put_many(std::span<const AuthorPut> puts) {
    Result<void> first;
    for (const auto& p : puts) {
      if (auto r = put(p.key, p.facts); !r && first) first = r;
    }
    return first;
  }
  virtual Result<std::vector<std::optional<AuthorFacts>>> get_many(
      std::span<const AuthorKey> keys) = 0;
};

}  // namespace koubei::storage
