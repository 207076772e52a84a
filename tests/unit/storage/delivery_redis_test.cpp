// The delivery promises that involve Redis going away or being shared, with real processes and a
// real redis-server (guarantees.md §5, §7, §8):
// - Redis stopped mid-run (between batches, then at a random instant) and started again under a
//   running child: nothing dropped, nothing written twice to JSONL or PostgreSQL because of it;
// - two child processes sharing one Redis deliver each id once across their JSONL files and the
//   one stream;
// - the redis_stream sink's server stopped: its records spool, then replay in order.

#include "storage/delivery_lanes.hpp"
#include "storage/errors.hpp"
#include "storage/storage_stack.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/unit/storage/child_run.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using koubei::test::ChildProcess;
using koubei::test::RedisServer;
using koubei::test::TempDir;
using testing::ChildArgs;
using testing::ChildRun;
using testing::count_window;
using testing::follow_child;
using testing::persistent_redis;
using testing::status_of;

constexpr std::uint64_t kBatch = 20;

ChildArgs child_args(const TempDir& dir,
                     const std::string& name,
                     const RedisServer& redis,
                     std::uint64_t total,
                     const std::string& claim_ttl_ms) {
  return {{"state", (dir / ("state-" + name)).string()},
          {"jsonl", (dir / (name + ".jsonl")).string()},
          {"redis", redis.url()},
          {"stream", "koubei:mentions"},
          {"job", name},
          {"claim_ttl_ms", claim_ttl_ms},
          {"total", std::to_string(total)},
          {"batch", std::to_string(kBatch)}};
}

}  // namespace

TEST_CASE("Redis stopped mid-run and restarted: nothing dropped, nothing written twice",
          "[storage][pipeline][redis][.integration]") {
  constexpr std::uint64_t kTotal = 1200;
  RedisServer redis(persistent_redis());  // what it acknowledged survives
  koubei::test::PostgresServer pg;
  TempDir dir;
  // The default claim_ttl (5 min): a claim of ours cut off by an outage must not hold its batch
  // (the pipeline releases it before claiming again), or the child would stall here.
  ChildArgs args = child_args(dir, "a", redis, kTotal, "300000");
  args.insert(
      args.end(),
      {{"pg", pg.dsn()}, {"pause_ms", "10"}, {"gate", (dir / "go").string()}, {"gate_at", "5"}});
  ChildProcess child(testing::child_argv(args));

  // Outage 1, between batches: the child waits at its gate while Redis dies.
  // Outage 2, at whatever instant the child is at five batches after it recovered.
  int outages = 0;
  int done_at_restart = 0;
  const ChildRun run = follow_child(child, [&](const std::string& line, const ChildRun& so_far) {
    if (line == "waiting") {
      redis.kill();
      koubei::test::write_file(dir / "go", "");
      outages = 1;
    } else if (line.starts_with("failed ") && redis.running() == false) {
      redis.start();
      done_at_restart = so_far.done;
    } else if (outages == 1 && so_far.done == done_at_restart + 5 && redis.running()) {
      redis.kill();  // mid-batch, or between two: wherever the child is now
      outages = 2;
    }
    return true;
  });
  if (!redis.running()) redis.start();
  REQUIRE(run.exit_code == 0);
  REQUIRE(run.cursor == kTotal);
  CHECK(outages == 2);
  CHECK(run.failed >= 2);  // the child saw both outages
  CHECK(run.held == 0);    // and no claim of its own held a batch afterwards

  // JSONL and PostgreSQL: every id exactly once. The stream lives on the Redis that died: an
  // XADD executed just before the kill but never acknowledged is written again on replay (same
  // id, same record), so only the batch in flight at each outage may repeat there.
  const auto file = count_window(testing::jsonl_entries(dir / "a.jsonl"), kTotal, kBatch);
  CHECK(file.missing == 0);
  CHECK(file.altered == 0);
  CHECK(file.duplicates == 0);
  CHECK(pg.scalar("SELECT count(*) FROM mentions") == std::to_string(kTotal));
  const auto stream =
      count_window(testing::stream_entries(redis.url(), "koubei:mentions"), kTotal, kBatch);
  CHECK(stream.missing == 0);
  CHECK(stream.altered == 0);
  CHECK(stream.dup_batches.size() <= 2);
}

TEST_CASE("two processes sharing one Redis deliver each id once across their sinks",
          "[storage][pipeline][redis][.integration]") {
  constexpr std::uint64_t kTotal = 1000;
  RedisServer redis;
  TempDir dir;
  std::vector<std::unique_ptr<ChildProcess>> children;
  for (const std::string name : {"a", "b"}) {
    // Nothing crashes here: claims live long enough for the slowest batch on a loaded machine.
    ChildArgs args = child_args(dir, name, redis, kTotal, "60000");
    // Both start at one gate and walk the same window from its two ends: each writes about half
    // and they race for the batches where they meet.
    args.insert(args.end(),
                {{"pause_ms", "20"},  // A alone would need >= 1 s: B gets its share
                 {"gate", (dir / "go").string()},
                 {"gate_at", "0"},
                 {"reverse", name == "b" ? "1" : "0"}});
    children.push_back(std::make_unique<ChildProcess>(testing::child_argv(args)));
  }
  for (auto& child : children)
    REQUIRE(child->read_line(5min) == std::optional<std::string>("waiting"));
  koubei::test::write_file(dir / "go", "");
  std::vector<ChildRun> runs;
  for (auto& child : children)
    runs.push_back(follow_child(*child));
  for (const ChildRun& run : runs) {
    INFO("held " << run.held << " times");
    REQUIRE(run.exit_code == 0);
    CHECK(run.cursor == kTotal);
  }

  auto both = testing::jsonl_entries(dir / "a.jsonl");
  const auto of_b = testing::jsonl_entries(dir / "b.jsonl");
  both.insert(both.end(), of_b.begin(), of_b.end());
  const auto files = count_window(both, kTotal, kBatch);
  INFO("a wrote " << both.size() - of_b.size() << ", b wrote " << of_b.size());
  CHECK(of_b.size() > 0);  // both did real work: the test is about sharing, not taking turns
  CHECK(of_b.size() < both.size());
  CHECK(files.missing == 0);
  CHECK(files.altered == 0);
  CHECK(files.duplicates == 0);
  const auto stream =
      count_window(testing::stream_entries(redis.url(), "koubei:mentions"), kTotal, kBatch);
  CHECK(stream.missing == 0);
  CHECK(stream.duplicates == 0);
  CHECK(stream.altered == 0);
}

TEST_CASE("the redis_stream sink's server stopped: records spool, then replay in order",
          "[storage][pipeline][redis][.integration]") {
  RedisServer stream_server(persistent_redis());
  TempDir dir;
  config::Config config;
  config.daemon.state_dir = (dir / "state").string();  // embedded stores: only the sink is Redis
  config::SinkConfig jsonl;
  jsonl.name = "jsonl";
  jsonl.path = (dir / "out.jsonl").string();
  config::SinkConfig stream;
  stream.type = config::SinkType::kRedisStream;
  stream.name = "stream";
  stream.stream = "s";
  stream.maxlen = 0;
  stream.redis_url = config::Secret(stream_server.url());
  config.sinks = {jsonl, stream};
  std::chrono::steady_clock::time_point now{};
  PipelineOptions options = pipeline_options(config);
  options.replay_batch = 7;
  options.clock = [&now] {
    return now;
  };
  auto storage = open_storage(config, options);
  REQUIRE(status_of(storage) == "ok");
  DeliveryPipeline& pipeline = *storage->pipeline;

  REQUIRE(status_of(pipeline.deliver(testing::mentions(0, 5))) == "ok");
  stream_server.kill();
  for (std::uint64_t first = 5; first < 45; first += 5) {
    const auto report = pipeline.deliver(testing::mentions(first, 5));
    REQUIRE(status_of(report) == "ok");
    CHECK(report->spooled_sinks == 1);
    now += 100ms;
  }
  CHECK(pipeline.lanes()[1].spooled_records == 40);
  CHECK(pipeline.lanes()[1].consecutive_failures > 0);
  CHECK(testing::jsonl_ids(dir / "out.jsonl") == testing::id_range(0, 45));

  stream_server.start();
  // The connection's own backoff runs on the real clock (at most a few hundred ms after so short
  // an outage): poll until the replay gets through.
  Result<void> replayed = Error{Errc::kUnavailable, "not tried"};
  for (auto until = std::chrono::steady_clock::now() + 2min;
       !replayed && std::chrono::steady_clock::now() < until;) {
    now += 5min;  // the pipeline's retry time for the sink
    replayed = pipeline.replay();
    if (!replayed) std::this_thread::sleep_for(50ms);
  }
  REQUIRE(status_of(replayed) == "ok");
  CHECK(pipeline.lanes()[1].spooled_records == 0);
  std::vector<std::string> ids;
  for (const auto& [id, record] : testing::stream_entries(stream_server.url(), "s")) {
    ids.push_back(id);
    CHECK(record == testing::mention(std::stoull(id.substr(id.rfind(':') + 1))).json);
  }
  CHECK(ids == testing::id_range(0, 45));  // in order, each once
  CHECK(pipeline.stats().replayed_records == 40);
}

}  // namespace koubei::storage
