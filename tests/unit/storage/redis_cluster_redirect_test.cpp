#include "storage/errors.hpp"
#include "storage/redis/cluster_router.hpp"
#include "storage/redis/cluster_slot.hpp"
#include "tests/support/redis_test_client.hpp"
#include "tests/unit/storage/redis_cluster_test_support.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::testing {
namespace {

using Catch::Matchers::Contains;

// A cluster whose slot map the connection has already loaded, and the slot of `key`: `from` is
// its owner, `to` another master, ready to play a resharding with CLUSTER SETSLOT.
struct ReshardingRig {
  test::RedisCluster cluster;
  std::shared_ptr<redis::RedisConnection> connection = cluster_connection(cluster);
  std::string key;
  std::uint16_t slot;
  std::size_t from;
  std::size_t to;

  explicit ReshardingRig(std::string k)
      : key(std::move(k)), slot(redis::key_slot(key)), from(cluster.owner_of_slot(slot, 0)) {
    REQUIRE(status_of(connection->ensure_connected()) == "ok");
    const auto masters = cluster.masters();
    to = masters.front() != from ? masters.front() : masters.back();
  }

  /// CLUSTER SETSLOT <slot> <state> <node id> on `node`.
  void setslot(std::size_t node, const std::string& state, std::size_t subject) {
    CHECK(cluster.command(
              node, {"CLUSTER", "SETSLOT", std::to_string(slot), state, cluster.id(subject)}) ==
          "OK");
  }

  std::string run(std::initializer_list<redis::RedisBatch::Arg> command) {
    redis::RedisBatch batch;
    batch.add(command);
    auto replies = connection->execute(batch);
    REQUIRE(status_of(replies) == "ok");
    return test::redis_reply_text(*replies->front());
  }

  /// The port of the slot's owner in the connection's map.
  int mapped_owner_port() const {
    const auto* map = connection->cluster_router()->slot_map();
    return map->masters()[*map->owner(slot)].port;
  }
};

TEST_CASE("redis cluster: MOVED re-sends to the new owner and refreshes the slot map",
          "[.integration][storage][redis][cluster]") {
  ReshardingRig rig("koubei:dedup:{moved}");
  // Move the (empty) slot to another master as a resharding would; the connection's map is stale.
  rig.setslot(rig.to, "IMPORTING", rig.from);
  rig.setslot(rig.from, "MIGRATING", rig.to);
  rig.setslot(rig.to, "NODE", rig.to);
  rig.setslot(rig.from, "NODE", rig.to);
  REQUIRE(rig.cluster.wait_until_serving(rig.slot) == rig.to);

  CHECK(rig.run({"SET", rig.key, "d"}) == "OK");
  CHECK(rig.cluster.command(rig.to, {"GET", rig.key}) == "d");
  const auto stats = rig.connection->stats();
  CHECK(stats.moved == 1);
  CHECK(stats.slot_map_refreshes == 2);
  CHECK(rig.mapped_owner_port() == rig.cluster.port(rig.to));

  CHECK(rig.run({"GET", rig.key}) == "d");  // straight to the new owner
  CHECK(rig.connection->stats().moved == 1);
}

TEST_CASE("redis cluster: ASK is followed once with ASKING and leaves the map alone",
          "[.integration][storage][redis][cluster]") {
  ReshardingRig rig("koubei:checkpoint:{asked}");
  rig.setslot(rig.to, "IMPORTING", rig.from);
  rig.setslot(rig.from, "MIGRATING", rig.to);

  // The key is not on the migrating node: it answers -ASK, the importing node takes the write.
  CHECK(rig.run({"HSET", rig.key, "cursor", "c1"}) == "1");
  CHECK(rig.connection->stats().ask == 1);
  CHECK(rig.run({"HGET", rig.key, "cursor"}) == "c1");  // asked again: still migrating
  const auto stats = rig.connection->stats();
  CHECK(stats.ask == 2);
  CHECK(stats.moved == 0);
  CHECK(stats.slot_map_refreshes == 1);
  CHECK(rig.mapped_owner_port() == rig.cluster.port(rig.from));
}

TEST_CASE("redis cluster: a redirection loop ends with a clear error",
          "[.integration][storage][redis][cluster]") {
  ReshardingRig rig("koubei:author:{weibo:loop}");
  // Migrating on one side only: the owner says ASK, the other node (not importing) says MOVED back.
  rig.setslot(rig.from, "MIGRATING", rig.to);

  redis::RedisBatch batch;
  batch.add({"HMGET", rig.key, "f"});
  auto replies = rig.connection->execute(batch);
  REQUIRE_FALSE(replies.has_value());
  CHECK(replies.error().code == make_error_code(Errc::kUnavailable));
  CHECK_THAT(replies.error().where, Contains("after 5 redirections"));
  const auto stats = rig.connection->stats();
  CHECK(stats.ask + stats.moved == redis::ClusterRouter::kMaxRedirects);

  CHECK(rig.cluster.command(rig.from, {"CLUSTER", "SETSLOT", std::to_string(rig.slot), "STABLE"}) ==
        "OK");
  CHECK(rig.run({"HMGET", rig.key, "f"}) == "[(nil)]");  // served again
}

}  // namespace
}  // namespace koubei::storage::testing
