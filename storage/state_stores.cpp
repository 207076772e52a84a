#include "storage/state_stores.hpp"

#include "storage/embedded/embedded_author_cache.hpp"
#include "storage/embedded/embedded_checkpoint_store.hpp"
#include "storage/embedded/embedded_dedup_store.hpp"
#include "storage/redis/redis_author_cache.hpp"
#include "storage/redis/redis_checkpoint_store.hpp"
#include "storage/redis/redis_dedup_store.hpp"
#include "storage/redis/redis_job_leases.hpp"
#include "storage/redis/redis_shared_budgets.hpp"

namespace koubei::storage {

Result<StateStores> open_state_stores(const config::Config& config) {
  StateStores stores;
  if (config.redis) {
    auto options = redis::connection_options(*config.redis);
    if (!options) return options.error();
    auto connection = std::make_shared<redis::RedisConnection>(*options);
    auto coordination = std::make_shared<redis::RedisConnection>(std::move(*options));
    const std::string& prefix = config.redis->key_prefix;
    stores.description = "redis " + connection->display() + " (prefix " + prefix + ")";
    stores.dedup = std::make_unique<redis::RedisDedupStore>(connection, prefix);
    stores.checkpoints = std::make_unique<redis::RedisCheckpointStore>(connection, prefix);
    stores.authors = std::make_unique<redis::RedisAuthorCache>(connection, prefix);
    stores.leases = std::make_unique<redis::RedisJobLeases>(coordination, prefix);
    stores.budgets = std::make_unique<redis::RedisSharedBudgets>(coordination, prefix);
    return stores;
  }
  auto lock = embedded::StateDirLock::acquire(config.daemon.state_dir);
  if (!lock) return lock.error();
  auto dedup = embedded::EmbeddedDedupStore::open(*lock);
  if (!dedup) return dedup.error();
  auto authors = embedded::EmbeddedAuthorCache::open(*lock);
  if (!authors) return authors.error();
  stores.description = "embedded " + config.daemon.state_dir;
  stores.dedup = std::move(*dedup);
  stores.authors = std::move(*authors);
  stores.checkpoints = std::make_unique<embedded::EmbeddedCheckpointStore>(*lock);
  return stores;
}

}  // namespace koubei::storage
