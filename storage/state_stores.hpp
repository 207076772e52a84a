#pragma once
// open_state_stores(): the dedup store, checkpoint store and author cache the daemon runs with,
// chosen by the configuration: [redis] present → the Redis backend on one shared connection (all
// three, and the job lease table, used from the storage thread); absent → the embedded store under
// [daemon] state_dir, which takes the state dir lock first (a second daemon on the same directory
// fails here with kLocked, at start-up, instead of double-delivering).
// With Redis, the lease table and shared budgets have a second connection (see StateStores).
//
// Errors: kBadAddress (bad [redis] url), kLocked, and the embedded store's open errors. Redis is
// not contacted here: a server that is down at start is kUnavailable on first use, and reconnects.
//
// Thread safety: the returned stores belong to one storage thread.

#include "config/config.hpp"
#include "config/error.hpp"
#include "storage/author_cache.hpp"
#include "storage/checkpoint_store.hpp"
#include "storage/dedup_store.hpp"
#include "storage/job_leases.hpp"
#include "storage/shared_budgets.hpp"

#include <memory>
#include <string>

namespace koubei::storage {

struct StateStores {
  std::unique_ptr<DedupStore> dedup;
  std::unique_ptr<CheckpointStore> checkpoints;
  std::unique_ptr<AuthorCache> authors;
  /// The job lease table daemons sharing this Redis split their jobs with, and the token buckets
  /// they share; null on the embedded store (its state dir lock admits one daemon). These two use
  /// a connection of their own, for the coordination thread: a lease round or a budget call must
  /// not wait behind a delivery batch on the storage thread.
  std::unique_ptr<JobLeases> leases;
  std::unique_ptr<SharedBudgets> budgets;
  /// "redis unix:///run/redis.sock (prefix koubei:)" or "embedded var/koubei", for the start log.
  std::string description;
};

Result<StateStores> open_state_stores(const config::Config& config);

}  // namespace koubei::storage
