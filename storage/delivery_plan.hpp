#pragma once
// The delivery pipeline's decisions as plain functions and one small state machine, with no IO,
// so that they are tested from tables (STYLE.md "Sans-IO core"). DeliveryPipeline performs them.
//
// - split_claims(): what the dedup answers mean for a batch (guarantees.md §5-6).
// - route(): how a batch reaches one sink: directly, after the sink's spool is replayed (order is
//   kept: nothing overtakes spooled records), into the spool, or not at all (spool full:
//   backpressure, never a drop; guarantees.md §8).
// - checkpoint_verdict(): whether the caller's checkpoint may advance (guarantees.md §2).
// - record_rejected(): whether a sink's error blames the records (so they are retried one by one
//   and a record refused on its own is set aside) rather than the sink (so they wait in the spool).
// (When a failed sink is tried again is storage/backoff.hpp, shared with the Redis connection.)
// Thread safety: values.

#include "config/error.hpp"
#include "storage/dedup_store.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace koubei::storage {

/// Indices into the batch, by what the dedup store answered.
struct ClaimSplit {
  std::vector<std::size_t> fresh;    ///< kNew: deliver, then confirm (or release on failure)
  std::vector<std::size_t> held;     ///< kClaimed: not now; holds the checkpoint back
  std::vector<std::size_t> skipped;  ///< kDelivered: already in every sink
};

ClaimSplit split_claims(std::span<const ClaimState> states);

/// What the pipeline knows about one sink when a batch arrives.
struct LaneView {
  bool spool_empty = true;
  bool sink_ready = true;      ///< not in a backoff after a failure
  bool spool_has_room = true;  ///< the batch would fit in the spool
};

enum class LaneRoute {
  kWrite,            ///< write the batch to the sink (spool it if that fails)
  kReplayThenWrite,  ///< replay the spool first; write if it empties, else spool the batch
  kSpool,            ///< the sink is backing off: spool the batch
  kRefuse,           ///< the sink is down and the spool is full: kSpoolFull to the caller
};

LaneRoute route(const LaneView& lane);

enum class CheckpointVerdict {
  kNone,     ///< the batch carried no checkpoint
  kAdvance,  ///< every id of the batch is durable in every sink (or was before): save it
  kHold,     ///< some id is claimed elsewhere and not yet delivered: keep the old checkpoint
};

CheckpointVerdict checkpoint_verdict(bool has_intent, const ClaimSplit& split);

/// True for errors about the records themselves: kSinkRejected (PostgreSQL data exception),
/// kInvalidRecord and kRecordTooLarge (JSONL). Retrying the same record can never succeed.
bool record_rejected(const Error& error);

}  // namespace koubei::storage
