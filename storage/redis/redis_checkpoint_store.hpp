#pragma once
// RedisCheckpointStore: storage::CheckpointStore in Redis hashes, key
// `<prefix>checkpoint:{<job id>}`, fields cursor, wm (watermark ms), wm_ids, at (updated ms).
//
// Contract (beyond storage/checkpoint_store.hpp)
// - save() is one HSET of all four fields (atomic: a reader sees the old or the new checkpoint)
//   plus, when ttl > 0, a PEXPIRE in the same round trip; durable as far as the server's own
//   persistence goes (appendfsync) once acknowledged.
// - Errors: kUnavailable while Redis is down, kProtocol for unexpected replies.
// - Thread safety: none; one handle per storage thread.

#include "storage/checkpoint_store.hpp"
#include "storage/redis/redis_connection.hpp"

#include <memory>
#include <string>

namespace koubei::storage::redis {

class RedisCheckpointStore final : public CheckpointStore {
 public:
  /// `ttl` 0 = checkpoints never expire; otherwise one unsaved for that long is forgotten.
  RedisCheckpointStore(std::shared_ptr<RedisConnection> connection,
                       std::string key_prefix,
                       config::Duration ttl = config::Duration::zero());

  Result<std::optional<Checkpoint>> load(const std::string& job_id) override;
  Result<void> save(const std::string& job_id, const Checkpoint& checkpoint) override;

 private:
  std::shared_ptr<RedisConnection> connection_;
  std::string prefix_;
  config::Duration ttl_;
};

}  // namespace koubei::storage::redis
