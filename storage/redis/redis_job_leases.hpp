#pragma once
// RedisJobLeases: JobLeases (storage/job_leases.hpp) in two keys that share the hash tag {coord}
// (one slot on Redis Cluster, so one script sees both):
//
//   <prefix>members:{coord}   zset   member id → heartbeat expiry (server ms)
//   <prefix>leases:{coord}    hash   job id → "<expiry ms> <member id>"
//
// round() and leave() are one EVALSHA each; times come from the server's TIME, so members whose
// clocks disagree still agree on expiry. Job ids travel joined by U+001F (a job id is a config
// query id, platform and keyword: text without control characters).
//
// Thread safety: none; one handle per storage thread.

#include "storage/job_leases.hpp"
#include "storage/redis/lua_script.hpp"
#include "storage/redis/redis_connection.hpp"

#include <memory>
#include <string>

namespace koubei::storage::redis {

class RedisJobLeases final : public JobLeases {
 public:
  RedisJobLeases(std::shared_ptr<RedisConnection> connection, std::string key_prefix);

  Result<LeaseRound> round(const std::string& me, std::int64_t ttl_ms,
                           std::span<const std::string> take,
                           std::span<const std::string> release) override;
  Result<void> leave(const std::string& me) override;
  Result<LeaseTable> view() override;

 private:
  Error unexpected(std::string_view what, const redisReply& reply) const;

  std::shared_ptr<RedisConnection> connection_;
  std::string members_key_;
  std::string leases_key_;
  LuaScript round_script_;
  LuaScript leave_script_;
};

}  // namespace koubei::storage::redis
