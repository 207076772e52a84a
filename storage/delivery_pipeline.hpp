#pragma once
// DeliveryPipeline: what the scheduler calls with each batch of parsed mentions. It keeps
// koubei's delivery promises (guarantees.md §1-3, §5-8):
//
//   batch ─► DedupStore::claim ─► every sink: write, or spool while the sink is down
//         ─► DedupStore::confirm ─► only then: checkpoint saved (CheckpointStore)
//
// Contract
// - deliver(batch, intent) returns success when every record the dedup store answered kNew is
//   durable in every sink or in that sink's spool (a spooled record is fdatasync'd on disk and
//   replayed in order when the sink returns), and is confirmed. kDelivered ids are skipped.
//   kClaimed ids (another process, or a claim left by a crash, still live) are neither written nor
//   confirmed, and they hold the checkpoint: the report says kHold and the intent is not saved.
// - On error nothing the caller relies on happened: the checkpoint did not move, and the claims
//   of the batch were released (so a retry delivers it) unless every sink already has the batch:
//   a confirm that fails (the dedup store went away) keeps the claims and is retried first by the
//   next deliver() or replay(), which fail with the store's error until it succeeds; the caller's
//   retry then finds the ids kDelivered. So a store outage emits nothing twice (guarantees.md §7).
//   Likewise a claim or a release that fails may leave this handle's own claims behind, which
//   would hold their ids for claim_ttl: they are released before the next claim.
//   Sinks may already hold part of a failed batch; a retry writes it again with the same ids.
// - Backpressure: when a sink that would need its spool (down, or with records still spooled) has
//   no room for the batch, deliver() fails with Errc::kSpoolFull before claiming anything. The
//   caller waits (replay() makes room once the sink is back) and retries; nothing is dropped.
// - replay() drains the spools of sinks whose backoff has passed, oldest record first; deliver()
//   does it too before writing, so new records never overtake spooled ones.
// - A batch a sink refuses because of its records (record_rejected(): a PostgreSQL data
//   exception, a JSONL record with a line break) is written again record by record; each record
//   refused on its own is set aside in <spool dir>/rejected.jsonl (one line per record: id, error,
//   the record as a JSON string; fdatasync'd), logged at error and counted, and the batch counts as
//   delivered to that sink. This is the only path by which a record skips a sink, and it keeps it.
// - Failed sinks are retried with exponential backoff and jitter (storage/backoff.hpp) on the
//   injected clock; each
//   outage logs once at warn when it starts and at info when it ends, and is counted.
// - Thread safety: none. One pipeline on the storage thread; it owns its sinks and spools and
//   borrows the stores, which must outlive it.

#include "config/units.hpp"
#include "storage/backoff.hpp"
#include "storage/checkpoint_store.hpp"
#include "storage/dedup_store.hpp"
#include "storage/delivery_plan.hpp"
#include "storage/jsonl_sink.hpp"
#include "storage/sink.hpp"
#include "storage/spool.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace koubei::storage {

struct PipelineOptions {
  /// How long a claim blocks re-delivery if this process dies before confirming it.
  config::Duration claim_ttl = std::chrono::minutes(5);
  /// The dedup window: how long a confirmed id is remembered.
  config::Duration dedup_ttl = std::chrono::hours(24 * 30);
  /// Records per sink write when replaying a spool.
  std::size_t replay_batch = 500;
  /// First retry delay of a failed sink; doubled per failure up to retry_max.
  config::Duration retry_initial = std::chrono::seconds(1);
  config::Duration retry_max = std::chrono::seconds(60);
  /// Fraction of each retry delay drawn at random (backoff.hpp), so that processes sharing a
  /// sink do not all come back at once; 0 = exact doubling.
  double retry_jitter = 0.5;
  /// Jitter seed (lane i uses seed + i); 0 = random.
  std::uint64_t retry_seed = 0;
  /// Time source for the backoff. Empty: std::chrono::steady_clock::now.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

/// A sink and the spool that holds its records while it is down.
struct DeliveryLane {
  std::unique_ptr<Sink> sink;
  Spool spool;
};

/// The checkpoint a batch lets the caller reach (guarantees.md §2).
struct CheckpointIntent {
  std::string job_id;
  Checkpoint checkpoint;
};

struct DeliveryReport {
  std::size_t fresh = 0;              ///< kNew: written (or spooled) and confirmed
  std::vector<std::size_t> fresh_indices;  ///< which records of the batch were kNew
  std::size_t skipped = 0;            ///< kDelivered before
  std::vector<std::string> held_ids;  ///< kClaimed: not delivered now, checkpoint held
  std::size_t spooled_sinks = 0;      ///< sinks that took the batch through their spool
  CheckpointVerdict checkpoint = CheckpointVerdict::kNone;
  /// Set when the verdict was kAdvance but saving failed: the batch itself is delivered.
  std::optional<Error> checkpoint_error;

  /// Every id of the batch is durable in every sink (now, or before this call): a caller that
  /// keeps its own checkpoint order (scheduler::DeliveryOrder) may confirm the batch's ticket.
  /// False while some id is claimed elsewhere (held_ids): deliver the batch again later.
  bool complete() const noexcept { return held_ids.empty(); }
};

struct LaneStatus {
  std::string name;
  std::uint64_t spooled_records = 0;
  std::uint64_t spooled_bytes = 0;
  std::size_t consecutive_failures = 0;  ///< 0: the sink is up
};

struct PipelineStats {
  std::uint64_t batches = 0;
  std::uint64_t records = 0;
  std::uint64_t fresh = 0;
  std::uint64_t skipped = 0;
  std::uint64_t held = 0;
  std::uint64_t sink_failures = 0;
  std::uint64_t spooled_records = 0;   ///< record copies pushed to spools
  std::uint64_t replayed_records = 0;  ///< record copies replayed from spools
  std::uint64_t backpressure = 0;      ///< batches refused with kSpoolFull
  std::uint64_t rejected_records = 0;  ///< records a sink refused on their own (rejected.jsonl)
  std::uint64_t claim_failures = 0;
  std::uint64_t confirm_failures = 0;
  std::uint64_t late_confirms = 0;  ///< ids confirmed by a later call after their confirm failed
  std::uint64_t checkpoints_saved = 0;
  std::uint64_t checkpoints_held = 0;
  std::uint64_t checkpoint_failures = 0;
};

class DeliveryPipeline {
 public:
  /// REQUIRES: dedup (and checkpoints, when given) outlive the pipeline.
  DeliveryPipeline(DedupStore& dedup,
                   CheckpointStore* checkpoints,
                   std::vector<DeliveryLane> lanes,
                   PipelineOptions options);

  Result<DeliveryReport> deliver(std::span<const OutRecord> batch,
                                 const CheckpointIntent* intent = nullptr);

  /// Replays the spools of the sinks that are due; the first error (a sink still down) is
  /// returned after every lane was tried.
  Result<void> replay();

  std::vector<LaneStatus> lanes() const;

  const PipelineStats& stats() const noexcept { return stats_; }

 private:
  struct Lane {
    DeliveryLane io;
    Backoff backoff;
    std::unique_ptr<JsonlSink> rejected;  // <spool dir>/rejected.jsonl, opened on first use
  };

  Result<void> replay_lane(Lane& lane);
  Result<bool> deliver_to_lane(Lane& lane, std::span<const OutRecord> records);
  Result<void> write_to_sink(Lane& lane, std::span<const OutRecord> records);
  Result<void> write_each(Lane& lane, std::span<const OutRecord> records);
  Result<void> set_aside(Lane& lane, const OutRecord& record, const Error& why);
  Result<void> release(const std::vector<std::string>& ids);
  /// Confirms what a failed confirm left, and releases what a failed claim or release left.
  Result<void> settle();

  std::chrono::steady_clock::time_point now() const { return options_.clock(); }

  DedupStore& dedup_;
  CheckpointStore* checkpoints_;
  std::vector<Lane> lanes_;
  PipelineOptions options_;
  PipelineStats stats_;
  std::vector<std::string> unconfirmed_;  // durable in every sink, confirm failed (one batch)
  std::vector<std::string> unreleased_;   // may hold claims of ours no batch is using (one batch)
  bool in_backpressure_ = false;  // a batch was refused with kSpoolFull since the last success
};

}  // namespace koubei::storage
