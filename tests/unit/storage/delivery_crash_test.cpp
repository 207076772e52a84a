// The delivery promises with real servers and real crashes (guarantees.md §1-3, §8): a child
// process (delivery_crash_child.cpp) is killed with SIGKILL at every stage of a batch and at a
// random instant while PostgreSQL is down; after the restarts every mention of the window is in
// every sink, and duplicates come only from batches in flight, with the same id.

#include "storage/delivery_pipeline.hpp"
#include "storage/jsonl_delivery_sink.hpp"
#include "storage/postgres/postgres_sink.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/test_stores.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <map>
#include <set>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using koubei::test::ChildProcess;
using koubei::test::PostgresServer;
using koubei::test::TempDir;
using testing::id_range;
using testing::jsonl_ids;
using testing::mention;
using testing::mentions;
using testing::status_of;

constexpr std::uint64_t kTotal = 600;
constexpr std::uint64_t kBatch = 20;

struct Run {
  int exit_code = 0;
  std::uint64_t cursor = 0;  // last "done <cursor>" printed
};

/// Runs the child until it exits, or kills it right after it printed `kill_after` "done" lines.
Run run_child(const TempDir& dir,
              const PostgresServer& pg,
              const std::vector<std::string>& extra,
              int kill_after = -1) {
  std::vector<std::string> argv = {KOUBEI_DELIVERY_CHILD,
                                   (dir / "state").string(),
                                   (dir / "out.jsonl").string(),
                                   pg.dsn(),
                                   std::to_string(kTotal),
                                   std::to_string(kBatch)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  ChildProcess child(argv);
  Run run;
  int done = 0;
  while (auto line = child.read_line(std::chrono::minutes(5))) {
    if (line->starts_with("done ")) {
      run.cursor = std::stoull(line->substr(5));
      if (++done == kill_after) {
        child.kill_9();  // whatever it is doing now: claiming, writing, confirming, saving
        break;
      }
    }
  }
  run.exit_code = child.wait();
  return run;
}

}  // namespace

TEST_CASE("kill -9 at any stage of a batch loses no mention and duplicates only in-flight batches",
          "[storage][pipeline][crash][.integration]") {
  PostgresServer pg;
  TempDir dir;
  std::filesystem::create_directories(dir / "state");

  // One kill at each stage of the pipeline, each in the second batch of a run.
  for (const std::string stage : {"after-claim", "mid-sinks", "after-sinks", "after-confirm"}) {
    CAPTURE(stage);
    const Run run = run_child(dir, pg, {"2", stage});
    REQUIRE(run.exit_code == 128 + SIGKILL);
    REQUIRE(run.cursor > 0);
  }
  // PostgreSQL goes away: the child spools, then dies at a random instant; the spool survives.
  pg.stop();
  const Run outage = run_child(dir, pg, {}, 3);
  REQUIRE(outage.exit_code == 128 + SIGKILL);
  REQUIRE(std::filesystem::exists(dir / "state/spool/pg"));
  pg.start();
  const Run last = run_child(dir, pg, {});
  REQUIRE(last.exit_code == 0);
  REQUIRE(last.cursor == kTotal);

  // Every mention of the window is in every sink.
  const std::vector<std::string> lines = jsonl_ids(dir / "out.jsonl");
  std::map<std::string, int> seen;
  for (const auto& id : lines)
    ++seen[id];
  CHECK(seen.size() == kTotal);
  for (const auto& id : id_range(0, kTotal))
    REQUIRE(seen.count(id) == 1);
  CHECK(pg.scalar("SELECT count(*) FROM mentions") == std::to_string(kTotal));
  CHECK(pg.scalar("SELECT count(*) FROM mentions WHERE record->>'id' <> id") == "0");

  // Duplicates: whole lines identical to the first copy, from at most the in-flight batches of the
  // two kills after a sink write (mid-sinks, after-sinks) and the random one.
  std::set<std::uint64_t> dup_batches;
  std::size_t dup_lines = 0;
  for (const auto& [id, count] : seen) {
    if (count == 1) continue;
    dup_lines += static_cast<std::size_t>(count - 1);
    dup_batches.insert(std::stoull(id.substr(id.rfind(':') + 1)) / kBatch);
  }
  CHECK(dup_lines >= 2 * kBatch);  // the mid-sinks and after-sinks batches were written twice
  CHECK(dup_lines <= 3 * kBatch);
  CHECK(dup_batches.size() <= 3);
  const std::string text = koubei::test::read_file(dir / "out.jsonl");
  for (std::uint64_t n = 0; n < kTotal; ++n) {
    const std::string line = mention(n).json + '\n';
    REQUIRE(text.find(line) != std::string::npos);
  }
  CHECK(std::count(text.begin(), text.end(), '\n') == static_cast<long>(lines.size()));
  CHECK(std::filesystem::is_empty(dir / "state/spool/pg"));
}

TEST_CASE("PostgreSQL stopped: records spool, then replay in order once it is back",
          "[storage][pipeline][postgres][.integration]") {
  PostgresServer pg;
  TempDir dir;
  koubei::test::TestDedupStore dedup;
  koubei::test::TestCheckpointStore checkpoints;
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
  DeliveryPipeline pipeline(dedup, &checkpoints, std::move(lanes), options);

  REQUIRE(status_of(pipeline.deliver(mentions(0, 5))) == "ok");
  pg.stop();
  for (std::uint64_t first = 5; first < 45; first += 5) {
    const auto report = pipeline.deliver(mentions(first, 5));
    REQUIRE(status_of(report) == "ok");
    CHECK(report->spooled_sinks == 1);
    now += 100ms;
  }
  CHECK(pipeline.lanes()[0].spooled_records == 40);
  CHECK(dedup.confirmed_count() == 45);

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
  koubei::test::TestDedupStore dedup;
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
  DeliveryPipeline pipeline(dedup, nullptr, std::move(lanes), options);

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

}  // namespace koubei::storage

namespace koubei::storage {

TEST_CASE("a record PostgreSQL refuses (data exception) is set aside and its batch goes through",
          "[storage][pipeline][postgres][.integration]") {
  PostgresServer pg;
  TempDir dir;
  koubei::test::TestDedupStore dedup;
  postgres::PostgresSinkOptions pg_options;
  pg_options.dsn = config::Secret(pg.dsn());
  SpoolOptions spool_options;
  spool_options.dir = (dir / "spool/postgres").string();
  auto spool = Spool::open(spool_options);
  REQUIRE(spool.has_value());
  std::vector<DeliveryLane> lanes;
  lanes.push_back(
      DeliveryLane{std::make_unique<postgres::PostgresSink>(pg_options), std::move(*spool)});
  DeliveryPipeline pipeline(dedup, nullptr, std::move(lanes), PipelineOptions{});

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
