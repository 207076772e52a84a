#include "storage/errors.hpp"
#include "storage/redis/cluster_router.hpp"
#include "storage/redis/cluster_slot.hpp"
#include "storage/redis/key_schema.hpp"
#include "storage/redis/redis_dedup_store.hpp"
#include "tests/unit/storage/redis_cluster_test_support.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

#include <thread>

namespace koubei::storage::testing {
namespace {

using namespace std::chrono_literals;
using S = ClaimState;

// What a caller does with kUnavailable: retry with a pause. Returns the attempts it took.
template <class Call>
int retry_until_ok(Call call, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (int attempt = 1;; ++attempt) {
    auto result = call();
    if (result.has_value()) return attempt;
    REQUIRE(result.error().code == make_error_code(Errc::kUnavailable));
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(100ms);
  }
}

TEST_CASE("redis cluster: a killed master's replica takes over and replicated writes survive",
          "[.integration][storage][redis][cluster]") {
  test::RedisClusterOptions options;
  options.replicas_per_master = 1;
  test::RedisCluster cluster(options);
  auto connection = cluster_connection(cluster);
  redis::RedisDedupStore store(connection, "koubei:");
  const auto ids = spread_ids(60);
  auto claimed = store.claim(ids, 5min);
  REQUIRE(status_of(claimed) == "ok");
  REQUIRE(status_of(store.confirm(ids, 24h)) == "ok");

  // Replication is asynchronous: WAIT (sent to every master) is what makes the writes above
  // survive a master's death. Each master's replica must then hold as many keys as it does.
  redis::RedisBatch wait;
  wait.add({"WAIT", std::int64_t{1}, std::int64_t{5000}});
  auto waited = connection->execute(wait);
  REQUIRE(status_of(waited) == "ok");
  CHECK(redis::integer_of(*waited->front()) == 1);

  const int slot = redis::key_slot(redis::dedup_key("koubei:", ids[0]));
  const std::size_t victim = cluster.owner_of_slot(slot, 0);
  const auto before = std::chrono::steady_clock::now();
  cluster.kill(victim);

  // The caller's retry loop: kUnavailable until the replica is promoted, then success.
  redis::RedisDedupStore again(connection, "koubei:");
  std::vector<ClaimState> states;
  const int attempts = retry_until_ok(
      [&] {
        auto r = again.claim(ids, 5min);
        if (r) states = *r;
        return r;
      },
      30s);
  const auto took = std::chrono::steady_clock::now() - before;
  CHECK(attempts > 1);
  CHECK(states == std::vector<S>(ids.size(), S::kDelivered));  // nothing acknowledged was lost
  const std::size_t promoted = cluster.owner_of_slot(slot, cluster.masters().front());
  CHECK(promoted != victim);
  const auto stats = connection->stats();
  CHECK(stats.node_retries >= 1);
  CHECK(stats.slot_map_refreshes >= 2);
  WARN("failover took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                        << " ms, " << attempts << " attempts");

  // New writes go to the promoted master too.
  const std::vector<std::string> fresh = {"weibo:post:new-1", "weibo:post:new-2"};
  auto fresh_claim = again.claim(fresh, 5min);
  REQUIRE(status_of(fresh_claim) == "ok");
  CHECK(*fresh_claim == std::vector<S>{S::kNew, S::kNew});
  // The release script on every master, the promoted one included (NOSCRIPT there is reloaded).
  REQUIRE(status_of(again.release(fresh)) == "ok");
  REQUIRE(status_of(again.release(ids)) == "ok");  // delivered marks are not claims: kept
  auto final_states = again.claim(ids, 5min);
  REQUIRE(status_of(final_states) == "ok");
  CHECK(*final_states == std::vector<S>(ids.size(), S::kDelivered));
}

}  // namespace
}  // namespace koubei::storage::testing
