#pragma once
// RedisAuthorCache: storage::AuthorCache in Redis hashes, shared by every koubei process on the
// server. Key `<prefix>author:{<platform>:<user id>}`, fields f (followers), v (1/0 verified),
// t (verified type), s (last seen, Unix ms); a field that is unknown is absent. TTL `ttl`,
// refreshed by every put.
//
// Contract (beyond storage/author_cache.hpp)
// - put() replaces the entry unless the stored one was seen later (its `s` is greater): a slow
//   process cannot overwrite fresher facts of another. One script call, atomic per author;
//   put_many() sends all its calls in one pipelined round trip.
// - get_many() is one pipelined HMGET per author, one round trip.
// - Errors: kUnavailable while Redis is down, kProtocol for unexpected replies.
// - Thread safety: none; one handle per storage thread.

#include "config/units.hpp"
#include "storage/author_cache.hpp"
#include "storage/redis/lua_script.hpp"
#include "storage/redis/redis_connection.hpp"

#include <memory>
#include <string>

namespace koubei::storage::redis {

class RedisAuthorCache final : public AuthorCache {
 public:
  RedisAuthorCache(std::shared_ptr<RedisConnection> connection,
                   std::string key_prefix,
                   config::Duration ttl = std::chrono::hours(24 * 30));

  Result<void> put(const AuthorKey& key, const AuthorFacts& facts) override;
  Result<void> put_many(std::span<const AuthorPut> puts) override;
  Result<std::vector<std::optional<AuthorFacts>>> get_many(
      std::span<const AuthorKey> keys) override;

 private:
  std::shared_ptr<RedisConnection> connection_;
  std::string prefix_;
  config::Duration ttl_;
  LuaScript put_script_;
};

}  // namespace koubei::storage::redis
