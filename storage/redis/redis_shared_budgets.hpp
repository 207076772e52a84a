#pragma once
// RedisSharedBudgets: SharedBudgets (storage/shared_budgets.hpp) as one hash per bucket, all of a
// platform's buckets under the hash tag {<platform>} (one slot on Redis Cluster, so one script
// sees the platform's bucket and its accounts' together):
//
//   <prefix>budget:{<platform>}            hash  t ts b st why   the platform's bucket
//   <prefix>budget:{<platform>}:<bucket>   hash  t ts b st why   one account's bucket
//
//   t tokens (as of ts), ts last refill (server µs), b blocked until (server µs),
//   st/why the state and reason the last block reported.
//
// take(), block() and clear() are one EVALSHA each; times come from the server's TIME, so daemons
// whose clocks disagree share one bucket. Rates travel as tokens per µs.
//
// Thread safety: none; one handle per thread.

#include "storage/redis/lua_script.hpp"
#include "storage/redis/redis_connection.hpp"
#include "storage/shared_budgets.hpp"

#include <map>
#include <memory>
#include <string>

namespace koubei::storage::redis {

class RedisSharedBudgets final : public SharedBudgets {
 public:
  RedisSharedBudgets(std::shared_ptr<RedisConnection> connection, std::string key_prefix);

  Result<BudgetGrant> take(const BudgetTake& request) override;
  Result<void> block(const std::string& platform, const std::string& bucket, std::int64_t for_ms,
                     const std::string& state, const std::string& reason,
                     std::int64_t idle_ttl_ms) override;
  Result<void> clear(const std::string& platform, const std::string& bucket) override;
  Result<std::vector<BudgetState>> view(const std::string& platform,
                                        const std::vector<std::string>& buckets) override;

  std::string key(std::string_view platform, std::string_view bucket) const;

 private:
  Error unexpected(std::string_view what, const redisReply& reply) const;
  LuaScript& take_script(std::size_t accounts);

  std::shared_ptr<RedisConnection> connection_;
  std::string prefix_;
  std::map<std::size_t, LuaScript> take_scripts_;  ///< by number of accounts (numkeys differs)
  LuaScript block_script_;
  LuaScript clear_script_;
};

}  // namespace koubei::storage::redis
