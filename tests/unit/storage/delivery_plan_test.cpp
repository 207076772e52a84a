#include "storage/delivery_plan.hpp"

#include <catch2/catch.hpp>

#include <tuple>

namespace koubei::storage {

TEST_CASE("claim answers split a batch into fresh, held and skipped ids", "[storage][pipeline]") {
  using S = ClaimState;
  const std::vector<S> states = {S::kNew, S::kDelivered, S::kClaimed, S::kNew, S::kDelivered};
  const ClaimSplit split = split_claims(states);
  CHECK(split.fresh == std::vector<std::size_t>{0, 3});
  CHECK(split.held == std::vector<std::size_t>{2});
  CHECK(split.skipped == std::vector<std::size_t>{1, 4});
}

TEST_CASE("a batch reaches a sink directly, after its spool, through it, or not at all",
          "[storage][pipeline]") {
  // spool_empty, sink_ready, spool_has_room → route
  const auto [spool_empty, ready, room, expected] = GENERATE(table<bool, bool, bool, LaneRoute>({
      {true, true, true, LaneRoute::kWrite},
      {true, true, false, LaneRoute::kWrite},  // a healthy sink needs no spool room
      {false, true, true, LaneRoute::kReplayThenWrite},
      {false, true, false, LaneRoute::kReplayThenWrite},  // replay first makes room
      {true, false, true, LaneRoute::kSpool},
      {false, false, true, LaneRoute::kSpool},
      {true, false, false, LaneRoute::kRefuse},
      {false, false, false, LaneRoute::kRefuse},
  }));
  CAPTURE(spool_empty, ready, room);
  CHECK(route(LaneView{spool_empty, ready, room}) == expected);
}

TEST_CASE("the checkpoint advances only when no id of the batch is held by another claim",
          "[storage][pipeline]") {
  ClaimSplit clean;
  clean.fresh = {0};
  clean.skipped = {1};
  ClaimSplit held = clean;
  held.held = {2};
  CHECK(checkpoint_verdict(false, clean) == CheckpointVerdict::kNone);
  CHECK(checkpoint_verdict(true, clean) == CheckpointVerdict::kAdvance);
  CHECK(checkpoint_verdict(true, held) == CheckpointVerdict::kHold);
  CHECK(checkpoint_verdict(true, ClaimSplit{}) == CheckpointVerdict::kAdvance);
}

}  // namespace koubei::storage
