#pragma once
// open_storage(): everything the daemon delivers through, built from the configuration in one
// call (the composition root's only storage entry point):
//
//   StateStores (open_state_stores: Redis when [redis] is set, else the embedded store)
//   + one lane per [[sink]] (open_lanes: jsonl, postgres, redis_stream, each with its spool)
//   + the DeliveryPipeline over them (pipeline_options: claim_ttl and dedup_ttl from [redis])
//
// Contract
// - Nothing is half-opened: on error every store, lock and spool opened so far is closed again
//   and the error is returned (kBadAddress, kLocked, a spool or store open error), for exit 2.
// - No server is contacted here: Redis and PostgreSQL connect on first use, so a server that is
//   down at start-up means spooling (sinks) or kUnavailable from deliver() (dedup store), never a
//   failed start.
// - The pipeline borrows stores.dedup and stores.checkpoints; StorageStack keeps them alive
//   (members are destroyed pipeline first). Moving a StorageStack keeps the borrows valid.
// - Thread safety: none; the whole stack belongs to the storage thread.
// - REQUIRES: SIGPIPE and SIGXFSZ ignored by the process (redis_connection.hpp, jsonl_sink.hpp).

#include "config/config.hpp"
#include "config/error.hpp"
#include "storage/delivery_pipeline.hpp"
#include "storage/state_stores.hpp"

#include <memory>
#include <string>

namespace koubei::storage {

struct StorageStack {
  StateStores stores;
  std::unique_ptr<DeliveryPipeline> pipeline;

  /// For the start log: "state: embedded var/koubei; sinks: jsonl, pg, stream".
  std::string description() const;
};

/// `options` replaces pipeline_options(config) when given (tests: a faster sink retry, a clock).
Result<StorageStack> open_storage(const config::Config& config);
Result<StorageStack> open_storage(const config::Config& config, PipelineOptions options);

/// A stack of its own for a one-off run whose output is private (`koubei backfill --out`): one
/// sink (the caller's file or descriptor) over a MemoryDedupStore, with no checkpoint store and
/// no author cache, and its spool under `spool_root`. Touches neither Redis nor the state dir (a
/// daemon may be running on it).
Result<StorageStack> open_private_storage(const config::Config& config, std::unique_ptr<Sink> sink,
                                          const std::string& spool_root);

}  // namespace koubei::storage
