#include "storage/delivery_plan.hpp"

#include "storage/errors.hpp"

namespace koubei::storage {

ClaimSplit split_claims(std::span<const ClaimState> states) {
  ClaimSplit split;
  for (std::size_t i = 0; i < states.size(); ++i) {
    switch (states[i]) {
      case ClaimState::kNew:
        split.fresh.push_back(i);
        break;
      case ClaimState::kClaimed:
        split.held.push_back(i);
        break;
      case ClaimState::kDelivered:
        split.skipped.push_back(i);
        break;
    }
  }
  return split;
}

LaneRoute route(const LaneView& lane) {
  if (lane.sink_ready) return lane.spool_empty ? LaneRoute::kWrite : LaneRoute::kReplayThenWrite;
  return lane.spool_has_room ? LaneRoute::kSpool : LaneRoute::kRefuse;
}

CheckpointVerdict checkpoint_verdict(bool has_intent, const ClaimSplit& split) {
  if (!has_intent) return CheckpointVerdict::kNone;
  return split.held.empty() ? CheckpointVerdict::kAdvance : CheckpointVerdict::kHold;
}

bool record_rejected(const Error& error) {
  return error.code == Errc::kSinkRejected || error.code == Errc::kInvalidRecord ||
         error.code == Errc::kRecordTooLarge;
}

}  // namespace koubei::storage
