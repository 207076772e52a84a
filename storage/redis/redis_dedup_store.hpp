#pragma once
// RedisDedupStore: storage::DedupStore on Redis, shared by every koubei process on that server
// (guarantees.md §5-6). Key schema: storage/README.md and key_schema.hpp.
//
// Contract (beyond storage/dedup_store.hpp)
// - One round trip per call: claim is one pipelined `SET <key> c:<token> NX GET PX <claim_ttl>`
//   per distinct id (Redis >= 7.0 accepts NX with GET): nil = we set it (kNew), "d" = kDelivered,
//   "c:…" = someone's live claim (kClaimed). confirm is `SET <key> d PX <dedup_ttl>` per id.
//   release is a compare-and-delete script (EVALSHA) that deletes a key only while it still holds
//   this handle's claim.
// - Every handle draws a random token at construction, so release never drops another process's
//   claim. confirm, in contrast, writes "d" whoever holds the key: it states a fact about the sinks
//   (the record is there), and overwriting a newer claim of another process only spares a
//   duplicate.
// - Errors: kUnavailable while Redis is down (the connection backs off; the caller retries),
//   kProtocol for an unexpected reply (e.g. a Redis older than 7.0). If a claim batch fails after
//   some keys were set, the store releases them best-effort; any left expire after claim_ttl.
// - Thread safety: none; one handle (and connection) per storage thread.

#include "config/config.hpp"
#include "storage/dedup_store.hpp"
#include "storage/redis/lua_script.hpp"
#include "storage/redis/redis_connection.hpp"

#include <memory>
#include <string>

namespace koubei::storage::redis {

class RedisDedupStore final : public DedupStore {
 public:
  /// REQUIRES: connection is used only by this thread. `key_prefix` as in [redis].
  RedisDedupStore(std::shared_ptr<RedisConnection> connection, std::string key_prefix);

  Result<std::vector<ClaimState>> claim(std::span<const std::string> ids,
                                        config::Duration claim_ttl) override;
  Result<void> confirm(std::span<const std::string> ids, config::Duration dedup_ttl) override;
  Result<void> release(std::span<const std::string> ids) override;

  DedupStats stats() const override { return stats_; }

  /// This handle's claim token (random, 16 hex digits), for diagnostics.
  const std::string& token() const { return token_; }

 private:
  Error fail(Error error);
  Error unexpected(std::string_view command, std::string_view id, const redisReply& reply) const;

  std::shared_ptr<RedisConnection> connection_;
  std::string prefix_;
  std::string token_;
  std::string claim_value_;  // "c:" + token_
  LuaScript release_script_;
  DedupStats stats_;
};

}  // namespace koubei::storage::redis
