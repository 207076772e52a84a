// The delivery promises with real servers and real crashes (guarantees.md §1-3, §5-8): a child
// process (delivery_crash_child.cpp) running the real storage stack (the embedded store, or Redis
// dedup + checkpoints; JSONL, PostgreSQL and redis_stream sinks) is killed with SIGKILL at every
// stage of a batch and at a random instant while PostgreSQL is down; after the restarts every
// mention of the window is in every sink, and duplicates come only from batches in flight, with
// the same id. With Redis, the claims a killed process left hold the checkpoint until claim_ttl.

#include "storage/delivery_pipeline.hpp"
#include "storage/postgres/postgres_sink.hpp"
#include "storage/state_stores.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/unit/storage/child_run.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using koubei::test::PostgresServer;
using koubei::test::RedisServer;
using koubei::test::TempDir;
using testing::ChildArgs;
using testing::count_window;
using testing::kill_after_done;
using testing::mentions;
using testing::persistent_redis;
using testing::run_child;
using testing::status_of;

constexpr std::uint64_t kTotal = 600;
constexpr std::uint64_t kBatch = 20;

constexpr int kKilled = 128 + SIGKILL;

/// A private PostgreSQL and Redis, and the child's arguments for one backend of the state stores.
struct CrashWorld {
  explicit CrashWorld(bool redis_stores) : redis_stores_(redis_stores) {
    std::filesystem::create_directories(dir / "state");
  }

  ChildArgs args(const ChildArgs& extra) const {
    ChildArgs args = {{"state", (dir / "state").string()},
                      {"jsonl", (dir / "out.jsonl").string()},
                      {"pg", pg.dsn()},
                      {"stream", "koubei:mentions"},
                      {"total", std::to_string(kTotal)},
                      {"batch", std::to_string(kBatch)},
                      {"claim_ttl_ms", "2000"}};  // a killed run's claims hold its restart 2 s
    // With Redis stores the stream falls back to the [redis] url; else it names its own.
    args.emplace_back(redis_stores_ ? "redis" : "stream_url", redis.url());
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  PostgresServer pg;
  RedisServer redis{persistent_redis()};
  TempDir dir;

 private:
  bool redis_stores_;
};

/// Kills the child at every stage of a batch, then at a random instant while PostgreSQL is down,
/// restarts it until the window is delivered, and checks every sink.
void kill_everywhere_then_check(CrashWorld& world, bool redis_stores) {
  bool after_claim_kill = false;  // the previous run died right after claiming
  for (const std::string stage : {"after-claim", "mid-sinks", "after-sinks", "after-confirm"}) {
    CAPTURE(stage);
    // The claims of the run killed after its claim live 15 s (a later argument wins): long
    // enough for the test to see them and the restart to find them on a loaded machine.
    const std::string ttl = stage == "after-claim" ? "15000" : "2000";
    const auto run =
        run_child(world.args({{"die_at", "2"}, {"stage", stage}, {"claim_ttl_ms", ttl}}));
    REQUIRE(run.exit_code == kKilled);
    REQUIRE(run.cursor > 0);
    // A kill before the confirm leaves the batch claimed by the dead process: in Redis the claim
    // outlives it, and the next run holds its checkpoint there until the claim expires, then
    // delivers the batch. The embedded store keeps claims in the process: they die with it.
    if (!redis_stores) CHECK(run.held == 0);
    if (after_claim_kill) CHECK(run.held > 0);
    after_claim_kill = redis_stores && stage == "after-claim";
    if (after_claim_kill) {
      const std::string key = fmt::format("koubei:dedup:{{weibo:post:{}}}", run.cursor);
      CHECK(world.redis.command({"GET", key}).starts_with("c:"));
      CHECK(std::stoll(world.redis.command({"PTTL", key})) > 0);
    }
  }
  // PostgreSQL goes away: the child spools, then dies at a random instant; the spool survives.
  world.pg.stop();
  const auto outage = run_child(world.args({}), kill_after_done(3));
  REQUIRE(outage.exit_code == kKilled);
  REQUIRE(std::filesystem::exists(world.dir / "state/spool/pg"));
  world.pg.start();
  const auto last = run_child(world.args({}));
  REQUIRE(last.exit_code == 0);
  REQUIRE(last.cursor == kTotal);

  // Every mention of the window is in every sink, each copy the record itself.
  const auto file = count_window(testing::jsonl_entries(world.dir / "out.jsonl"), kTotal, kBatch);
  CHECK(file.missing == 0);
  CHECK(file.foreign == 0);
  CHECK(file.altered == 0);
  const auto stream =
      count_window(testing::stream_entries(world.redis.url(), "koubei:mentions"), kTotal, kBatch);
  CHECK(stream.missing == 0);
  CHECK(stream.foreign == 0);
  CHECK(stream.altered == 0);
  CHECK(world.pg.scalar("SELECT count(*) FROM mentions") == std::to_string(kTotal));
  CHECK(world.pg.scalar("SELECT count(*) FROM mentions WHERE record->>'id' <> id") == "0");

  // Duplicates only from the batches in flight: the mid-sinks and after-sinks kills (JSONL), the
  // after-sinks kill (the stream, written last), and at most one batch of the random kill.
  CHECK(file.duplicates >= 2 * kBatch);
  CHECK(file.duplicates <= 3 * kBatch);
  CHECK(file.dup_batches.size() <= 3);
  CHECK(stream.duplicates >= kBatch);
  CHECK(stream.duplicates <= 2 * kBatch);
  CHECK(stream.dup_batches.size() <= 2);
  for (const std::string sink : {"jsonl", "pg", "stream"})
    CHECK(std::filesystem::is_empty(world.dir / "state/spool" / sink));
}

/// The embedded state stores of a fresh state dir, for the in-process tests below.
StateStores embedded_stores(const TempDir& dir) {
  config::Config config;
  config.daemon.state_dir = (dir / "state").string();
  auto stores = open_state_stores(config);
  REQUIRE(status_of(stores) == "ok");
  return std::move(*stores);
}

}  // namespace

TEST_CASE("kill -9 at any stage loses no mention: embedded store, JSONL + PostgreSQL + stream",
          "[storage][pipeline][crash][.integration]") {
  CrashWorld world(false);
  kill_everywhere_then_check(world, false);
}

TEST_CASE("kill -9 at any stage loses no mention: Redis stores, JSONL + PostgreSQL + stream",
          "[storage][pipeline][crash][redis][.integration]") {
  CrashWorld world(true);
  kill_everywhere_then_check(world, true);
}

TEST_CASE("PostgreSQL stopped: records spool, then replay in order once it is back",
          "[storage][pipeline][postgres][.integration]") {
  PostgresServer pg;
  TempDir dir;
  StateStores stores = embedded_stores(dir);
  std::chrono::steady_clock::time_point now{};
  postgres::PostgresSinkOptions pg_options;
  pg_options.name = "pg";
  pg_options.dsn = config::Secret(pg.dsn());
  SpoolOptions spool_options;
  spool_options.dir = (dir / "spool/pg").string();
  auto spool = Spool::open(spool_options);
  REQUIRE(spool.has_value());
  std::vector<DeliveryLane> lanes;
  lanes.push_back(
      DeliveryLane{std::make_unique<postgres::PostgresSink>(pg_options), std::move(*spool)});
  PipelineOptions options;
  options.replay_batch = 5;  // one transaction per 5 replayed records: order shows in first_seen_at
  options.clock = [&now] {
    return now;
  };
  DeliveryPipeline pipeline(*stores.dedup, stores.checkpoints.get(), std::move(lanes), options);

  REQUIRE(status_of(pipeline.deliver(mentions(0, 5))) == "ok");
  pg.stop();
  for (std::uint64_t first = 5; first < 45; first += 5) {
    const auto report = pipeline.deliver(mentions(first, 5));
    REQUIRE(status_of(report) == "ok");
    CHECK(report->spooled_sinks == 1);
    now += 100ms;
  }
  CHECK(pipeline.lanes()[0].spooled_records == 40);
  CHECK(stores.dedup->stats().confirms == 45);

  pg.start();
  now += 5min;
  REQUIRE(status_of(pipeline.replay()) == "ok");
  CHECK(pipeline.lanes()[0].spooled_records == 0);
  CHECK(pg.scalar("SELECT count(*) FROM mentions") == "45");
  // Replayed oldest first: each later record's transaction started no earlier.
  const auto rows =
      pg.query("SELECT native_id::int, first_seen_at FROM mentions ORDER BY native_id::int");
  for (std::size_t i = 6; i < rows.size(); ++i) {
    CAPTURE(i);
    CHECK(rows[i - 1][1] <= rows[i][1]);
  }
  CHECK(rows[5][1] < rows[44][1]);
}

TEST_CASE("PostgreSQL down and its spool full: backpressure, then everything once it is back",
          "[storage][pipeline][postgres][.integration]") {
  PostgresServer pg;
  TempDir dir;
  StateStores stores = embedded_stores(dir);
  std::chrono::steady_clock::time_point now{};
  postgres::PostgresSinkOptions pg_options;
  pg_options.dsn = config::Secret(pg.dsn());
  SpoolOptions spool_options;
  spool_options.dir = (dir / "spool/pg").string();
  spool_options.max_bytes = 20000;
  auto spool = Spool::open(spool_options);
  REQUIRE(spool.has_value());
  std::vector<DeliveryLane> lanes;
  lanes.push_back(
      DeliveryLane{std::make_unique<postgres::PostgresSink>(pg_options), std::move(*spool)});
  PipelineOptions options;
  options.clock = [&now] {
    return now;
  };
  DeliveryPipeline pipeline(*stores.dedup, nullptr, std::move(lanes), options);

  pg.stop();
  std::uint64_t next = 0;
  Result<DeliveryReport> report = DeliveryReport{};
  while (report.has_value() && next < 1000) {
    report = pipeline.deliver(mentions(next, 5));
    if (report.has_value()) next += 5;
  }
  REQUIRE(report.has_error());
  CHECK(report.error().code == Errc::kSpoolFull);
  CHECK(next > 0);

  pg.start();
  now += 5min;
  while (next < 200) {  // the caller retries; the replay makes room
    REQUIRE(status_of(pipeline.deliver(mentions(next, 5))) == "ok");
    next += 5;
  }
  CHECK(pg.scalar("SELECT count(*) FROM mentions") == "200");
}

TEST_CASE("a record PostgreSQL refuses (data exception) is set aside and its batch goes through",
          "[storage][pipeline][postgres][.integration]") {
  PostgresServer pg;
  TempDir dir;
  StateStores stores = embedded_stores(dir);
  postgres::PostgresSinkOptions pg_options;
  pg_options.dsn = config::Secret(pg.dsn());
  SpoolOptions spool_options;
  spool_options.dir = (dir / "spool/postgres").string();
  auto spool = Spool::open(spool_options);
  REQUIRE(spool.has_value());
  std::vector<DeliveryLane> lanes;
  lanes.push_back(
      DeliveryLane{std::make_unique<postgres::PostgresSink>(pg_options), std::move(*spool)});
  DeliveryPipeline pipeline(*stores.dedup, nullptr, std::move(lanes), PipelineOptions{});

  auto batch = mentions(0, 6);
  const std::string good = R"("created_at":"2026-11-22T09:00:00Z")";
  batch[4].json.replace(batch[4].json.find(good), good.size(), R"("created_at":"yesterday-ish")");
  const auto report = pipeline.deliver(batch);
  REQUIRE(status_of(report) == "ok");
  CHECK(pg.scalar("SELECT count(*) FROM mentions") == "5");
  CHECK(pg.scalar("SELECT count(*) FROM mentions WHERE id = 'weibo:post:4'") == "0");
  CHECK(pipeline.stats().rejected_records == 1);
  const std::string kept = koubei::test::read_file(dir / "spool/postgres/rejected.jsonl");
  CHECK_THAT(kept, Catch::Matchers::Contains("weibo:post:4"));
  CHECK_THAT(kept, Catch::Matchers::Contains("SQLSTATE 22"));
  CHECK(pipeline.lanes()[0].spooled_records == 0);
}

}  // namespace koubei::storage
