// MemoryDedupStore: the claim → confirm → release protocol of DedupStore, in memory.

#include "storage/memory_dedup_store.hpp"

#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using testing::status_of;

constexpr config::Duration kClaimTtl = 1h;
constexpr config::Duration kDedupTtl = 24h;

std::vector<ClaimState> claim(MemoryDedupStore& store, std::vector<std::string> ids,
                              config::Duration ttl = kClaimTtl) {
  auto result = store.claim(ids, ttl);
  REQUIRE(status_of(result) == "ok");
  return *result;
}

}  // namespace

TEST_CASE("MemoryDedupStore: new, claimed while live, delivered after confirm",
          "[storage][dedup][memory]") {
  MemoryDedupStore store;
  using S = ClaimState;
  CHECK(claim(store, {"a", "b"}) == std::vector<S>{S::kNew, S::kNew});
  CHECK(claim(store, {"a", "b", "c"}) == std::vector<S>{S::kClaimed, S::kClaimed, S::kNew});

  const std::vector<std::string> confirmed{"a"};
  REQUIRE(status_of(store.confirm(confirmed, kDedupTtl)) == "ok");
  CHECK(claim(store, {"a", "b"}) == std::vector<S>{S::kDelivered, S::kClaimed});

  // A release does not undo a delivery.
  REQUIRE(status_of(store.release(confirmed)) == "ok");
  CHECK(claim(store, {"a"}) == std::vector<S>{S::kDelivered});

  const DedupStats stats = store.stats();
  CHECK(stats.claims == 8);
  CHECK(stats.new_ids == 3);
  CHECK(stats.claimed == 3);
  CHECK(stats.delivered == 2);
  CHECK(stats.confirms == 1);
  CHECK(stats.releases == 0);
  CHECK(stats.errors == 0);
}

TEST_CASE("MemoryDedupStore: a released claim may be claimed again", "[storage][dedup][memory]") {
  MemoryDedupStore store;
  using S = ClaimState;
  REQUIRE(claim(store, {"a", "b"}) == std::vector<S>{S::kNew, S::kNew});
  const std::vector<std::string> failed{"a"};
  REQUIRE(status_of(store.release(failed)) == "ok");
  CHECK(claim(store, {"a", "b"}) == std::vector<S>{S::kNew, S::kClaimed});
  CHECK(store.stats().releases == 1);

  // Releasing an id nobody claimed changes nothing.
  const std::vector<std::string> unknown{"zzz"};
  REQUIRE(status_of(store.release(unknown)) == "ok");
  CHECK(store.stats().releases == 1);
  CHECK(claim(store, {"zzz"}) == std::vector<S>{S::kNew});
}

TEST_CASE("MemoryDedupStore: duplicates within one batch", "[storage][dedup][memory]") {
  MemoryDedupStore store;
  using S = ClaimState;
  CHECK(claim(store, {"x", "x", "y", "x"}) == std::vector<S>{S::kNew, S::kClaimed, S::kNew,
                                                               S::kClaimed});
  const std::vector<std::string> confirmed{"x"};
  REQUIRE(status_of(store.confirm(confirmed, kDedupTtl)) == "ok");
  CHECK(claim(store, {"x", "x"}) == std::vector<S>{S::kDelivered, S::kDelivered});
}

TEST_CASE("MemoryDedupStore: an unconfirmed claim expires after claim_ttl",
          "[storage][dedup][memory]") {
  MemoryDedupStore store;
  using S = ClaimState;
  REQUIRE(claim(store, {"gone", "kept"}, 1ms) == std::vector<S>{S::kNew, S::kNew});
  const std::vector<std::string> kept{"kept"};
  REQUIRE(status_of(store.confirm(kept, kDedupTtl)) == "ok");
  std::this_thread::sleep_for(20ms);  // the claim's 1 ms has passed (a lower bound only)
  // The process that claimed "gone" died: a later crawl delivers it; "kept" stays delivered.
  CHECK(claim(store, {"gone", "kept"}) == std::vector<S>{S::kNew, S::kDelivered});
}

TEST_CASE("MemoryDedupStore: a delivery is forgotten after dedup_ttl", "[storage][dedup][memory]") {
  MemoryDedupStore store;
  using S = ClaimState;
  REQUIRE(claim(store, {"a"}) == std::vector<S>{S::kNew});
  const std::vector<std::string> ids{"a"};
  REQUIRE(status_of(store.confirm(ids, 1ms)) == "ok");
  std::this_thread::sleep_for(20ms);
  CHECK(claim(store, {"a"}) == std::vector<S>{S::kNew});
}

}  // namespace koubei::storage
