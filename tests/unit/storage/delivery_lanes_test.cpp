#include "storage/delivery_lanes.hpp"

#include "storage/errors.hpp"
#include "storage/jsonl_delivery_sink.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_stores.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace koubei::storage {
namespace {

using testing::status_of;

config::SinkConfig sink_of(config::SinkType type, std::string name) {
  config::SinkConfig sink;
  sink.type = type;
  sink.name = std::move(name);
  return sink;
}

}  // namespace

TEST_CASE("spool directories are named after the sink, made safe for the file system",
          "[storage][pipeline]") {
  CHECK(spool_dir("var/koubei", "pg") == "var/koubei/spool/pg");
  CHECK(spool_dir("s", "../../etc") == "s/spool/.._.._etc");
  CHECK(spool_dir("s", "..") == "s/spool/_..");
  CHECK(spool_dir("s", "a b/c") == "s/spool/a_b_c");
}

TEST_CASE("lanes open from the configuration: one per sink with its bounded spool",
          "[storage][pipeline]") {
  koubei::test::TempDir dir;
  config::Config config;
  config.daemon.state_dir = (dir / "state").string();
  auto jsonl = sink_of(config::SinkType::kJsonl, "jsonl");
  jsonl.path = (dir / "out/m.jsonl").string();
  auto pg = sink_of(config::SinkType::kPostgres, "warehouse");
  pg.dsn = config::Secret("host=/nonexistent dbname=x");  // lazy: no connection at open
  pg.spool_max = 1 << 20;
  config.sinks = {jsonl, pg};

  auto lanes = open_lanes(config);
  REQUIRE(status_of(lanes) == "ok");
  REQUIRE(lanes->size() == 2);
  CHECK((*lanes)[0].sink->name() == "jsonl");
  CHECK((*lanes)[1].sink->name() == "warehouse");
  CHECK(std::filesystem::is_directory(dir / "state/spool/warehouse"));

  // The unreachable database only means spooling; the JSONL file gets the batch.
  koubei::test::TestDedupStore dedup;
  DeliveryPipeline pipeline(dedup, nullptr, std::move(*lanes), pipeline_options(config));
  const auto report = pipeline.deliver(testing::mentions(0, 3));
  REQUIRE(status_of(report) == "ok");
  CHECK(report->spooled_sinks == 1);
  CHECK(testing::jsonl_ids(dir / "out/m.jsonl") == testing::id_range(0, 3));
  CHECK(pipeline.lanes()[1].spooled_records == 3);
}

TEST_CASE("a redis_stream sink opens from its redis_url or [redis] url, else names the sink",
          "[storage][pipeline]") {
  koubei::test::TempDir dir;
  config::Config config;
  config.daemon.state_dir = dir.path().string();
  config.sinks = {sink_of(config::SinkType::kRedisStream, "stream")};
  const auto lanes = open_lanes(config);
  REQUIRE(lanes.has_error());
  CHECK(lanes.error().code == Errc::kBadAddress);
  CHECK_THAT(lanes.error().where, Catch::Matchers::Contains("redis_stream sink stream"));

  // A server that is not there yet only means spooling: connecting is lazy.
  config.redis = config::RedisConfig{};
  config.redis->url = config::Secret("unix://" + (dir / "absent.sock").string());
  auto opened = open_lanes(config);
  REQUIRE(status_of(opened) == "ok");
  REQUIRE(opened->size() == 1);
  CHECK((*opened)[0].sink->name() == "stream");
  koubei::test::TestDedupStore dedup;
  DeliveryPipeline pipeline(dedup, nullptr, std::move(*opened), pipeline_options(config));
  const auto report = pipeline.deliver(testing::mentions(0, 2));
  REQUIRE(status_of(report) == "ok");
  CHECK(report->spooled_sinks == 1);
  CHECK(pipeline.lanes()[0].spooled_records == 2);
}

}  // namespace koubei::storage
