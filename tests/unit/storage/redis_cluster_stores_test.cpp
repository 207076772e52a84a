#include "storage/redis/cluster_router.hpp"
#include "storage/redis/cluster_slot.hpp"
#include "storage/redis/redis_stream_sink.hpp"
#include "storage/state_stores.hpp"
#include "tests/unit/storage/redis_cluster_test_support.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

#include <set>

namespace koubei::storage::testing {
namespace {

using namespace std::chrono_literals;
using S = ClaimState;

TEST_CASE("redis cluster: dedup, checkpoints, author cache and stream sink spread over masters",
          "[.integration][storage][redis][cluster]") {
  test::RedisCluster cluster;
  config::Config config;
  config.redis = cluster_redis_config(cluster);
  auto stores = open_state_stores(config);
  REQUIRE(status_of(stores) == "ok");
  CHECK(stores->description.starts_with("redis cluster redis://127.0.0.1:"));

  // Dedup: claim, confirm two thirds, release the rest; a second handle sees the outcome.
  const auto ids = spread_ids(90);
  auto claimed = stores->dedup->claim(ids, 5min);
  REQUIRE(status_of(claimed) == "ok");
  CHECK(*claimed == std::vector<S>(ids.size(), S::kNew));
  const std::vector<std::string> confirmed(ids.begin(), ids.begin() + 60);
  const std::vector<std::string> released(ids.begin() + 60, ids.end());
  REQUIRE(status_of(stores->dedup->confirm(confirmed, 24h)) == "ok");
  REQUIRE(status_of(stores->dedup->release(released)) == "ok");
  auto other = open_state_stores(config);
  REQUIRE(status_of(other) == "ok");
  auto seen = other->dedup->claim(ids, 5min);
  REQUIRE(status_of(seen) == "ok");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CHECK((*seen)[i] == (i < 60 ? S::kDelivered : S::kNew));
  }

  // The release script again after one master forgot it (NOSCRIPT, reloaded on that node only).
  const auto masters = cluster.masters();
  REQUIRE(masters.size() == 3);
  CHECK(cluster.command(masters[1], {"SCRIPT", "FLUSH"}) == "OK");
  REQUIRE(status_of(other->dedup->release(released)) == "ok");
  auto after_release = stores->dedup->claim(released, 5min);
  REQUIRE(status_of(after_release) == "ok");
  CHECK(*after_release == std::vector<S>(released.size(), S::kNew));

  // Checkpoints and authors on many slots.
  for (int j = 0; j < 12; ++j) {
    const std::string job = "query:brand-" + std::to_string(j);
    REQUIRE(status_of(stores->checkpoints->save(
                job, {"cursor" + std::to_string(j), j, "a,b", 7})) == "ok");
    auto loaded = other->checkpoints->load(job);
    REQUIRE(status_of(loaded) == "ok");
    REQUIRE(loaded->has_value());
    CHECK((*loaded)->cursor == "cursor" + std::to_string(j));
    CHECK((*loaded)->watermark_ms == j);
  }
  std::vector<AuthorKey> authors;
  for (int a = 0; a < 12; ++a) {
    authors.push_back({"weibo", std::to_string(500 + a)});
    AuthorFacts facts;
    facts.followers = a * 100;
    facts.last_seen_ms = 1000 + a;
    REQUIRE(status_of(stores->authors->put(authors.back(), facts)) == "ok");
  }
  // put_many groups its script calls by slot: 12 authors of many slots in one batch, one of
  // them twice (the later put wins) and one older than what is stored (ignored).
  std::vector<AuthorPut> batch;
  for (int a = 0; a < 12; ++a) {
    AuthorFacts facts;
    facts.followers = a * 100 + 1;
    facts.last_seen_ms = 2000 + a;
    batch.push_back({{"weibo", std::to_string(900 + a)}, facts});
  }
  batch.push_back({{"weibo", "903"}, {7, true, "personal", 2100}});
  batch.push_back({{"weibo", "500"}, {999, std::nullopt, "", 10}});
  REQUIRE(status_of(stores->authors->put_many(batch)) == "ok");
  for (int a = 0; a < 12; ++a) authors.push_back({"weibo", std::to_string(900 + a)});
  authors.push_back({"weibo", "never-seen"});
  auto facts = other->authors->get_many(authors);
  REQUIRE(status_of(facts) == "ok");
  for (int a = 0; a < 12; ++a) {
    REQUIRE((*facts)[a].has_value());
    CHECK((*facts)[a]->followers == a * 100);
    REQUIRE((*facts)[12 + a].has_value());
    CHECK((*facts)[12 + a]->followers == (a == 3 ? 7 : a * 100 + 1));
  }
  CHECK_FALSE(facts->back().has_value());

  // The stream sink builds its own cluster connection from [redis].
  config::SinkConfig sink_config;
  sink_config.type = config::SinkType::kRedisStream;
  sink_config.name = "stream";
  auto sink = redis::make_redis_stream_sink(sink_config, config.redis);
  REQUIRE(status_of(sink) == "ok");
  std::vector<OutRecord> records;
  for (int r = 0; r < 20; ++r)
    records.push_back({"weibo:post:" + std::to_string(r), "{}"});
  REQUIRE(status_of((*sink)->write(records)) == "ok");
  const std::size_t stream_owner = cluster.owner_of_slot(redis::key_slot("koubei:mentions"), 0);
  CHECK(cluster.command(stream_owner, {"XLEN", "koubei:mentions"}) == "20");

  // Job leases: both {coord} keys in one slot, so the round script runs on its master.
  const std::vector<std::string> jobs{"search:q0:weibo:a", "search:q1:douyin:b"};
  auto round_a = stores->leases->round("a:1", 60'000, jobs, {});
  REQUIRE(status_of(round_a) == "ok");
  CHECK(round_a->held == jobs);
  auto round_b = other->leases->round("b:2", 60'000, jobs, {});
  REQUIRE(status_of(round_b) == "ok");
  CHECK(round_b->held.empty());
  CHECK(round_b->members == std::vector<std::string>{"a:1", "b:2"});
  auto table = other->leases->view();
  REQUIRE(status_of(table) == "ok");
  CHECK(table->leases.size() == 2);
  CHECK(table->members.size() == 2);
  const std::size_t coord_owner = cluster.owner_of_slot(redis::key_slot("koubei:leases:{coord}"), 0);
  CHECK(cluster.command(coord_owner, {"HLEN", "koubei:leases:{coord}"}) == "2");
  REQUIRE(status_of(stores->leases->leave("a:1")) == "ok");
  CHECK(other->leases->round("b:2", 60'000, jobs, {})->held == jobs);

  // Every master holds some of the keys.
  for (std::size_t m : masters) {
    CHECK(std::stoi(cluster.command(m, {"DBSIZE"})) > 5);
  }
}

TEST_CASE("redis cluster: keys are where the slot map says and stats count the refreshes",
          "[.integration][storage][redis][cluster]") {
  test::RedisCluster cluster;
  auto connection = cluster_connection(cluster);
  REQUIRE(status_of(connection->ensure_connected()) == "ok");
  const auto* router = connection->cluster_router();
  REQUIRE(router != nullptr);
  REQUIRE(router->slot_map() != nullptr);
  CHECK(router->slot_map()->covered_slots() == 16384);
  CHECK(router->slot_map()->masters().size() == 3);

  redis::RedisBatch batch;
  for (int i = 0; i < 30; ++i) {
    batch.add({"SET", "key:{" + std::to_string(i) + "}", std::to_string(i)});
  }
  batch.add({"PING"});
  auto replies = connection->execute(batch);
  REQUIRE(status_of(replies) == "ok");
  REQUIRE(replies->size() == 31);
  CHECK(redis::text_of(*replies->back()) == "PONG");
  std::set<std::size_t> owners;
  for (int i = 0; i < 30; ++i) {
    const std::string key = "key:{" + std::to_string(i) + "}";
    const std::size_t owner = cluster.owner_of_slot(redis::key_slot(key), 0);
    owners.insert(owner);
    CHECK(cluster.command(owner, {"GET", key}) == std::to_string(i));
  }
  CHECK(owners.size() == 3);
  const auto stats = connection->stats();
  CHECK(stats.slot_map_refreshes == 1);
  CHECK(stats.moved == 0);
  CHECK(stats.connects == 3);
  CHECK(stats.batches == 1);
  CHECK(stats.commands == 31);
}

}  // namespace
}  // namespace koubei::storage::testing
