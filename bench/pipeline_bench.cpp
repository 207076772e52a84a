// The delivery pipeline on the real stores, built as the daemon builds it (open_storage):
// mentions/s through claim → JSONL written and fdatasync'd + redis_stream XADD acknowledged →
// confirm → checkpoint saved, once with the Redis dedup + checkpoint store and once with the
// embedded store (state_dir), for several batch sizes; then a re-crawl of the same ids (every id
// kDelivered: one claim round trip and the checkpoint, no sink write). A private redis-server
// (tests/support: unix socket, no persistence) holds the stream and, in the Redis rows, the dedup
// keys; it is flushed before each row. Output: a Markdown table. Printed figures, never assertions.
//
//   koubei_pipeline_bench [--mentions N] [--no-fsync]

#include "storage/storage_stack.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace koubei;
using Clock = std::chrono::steady_clock;

struct Row {
  double fresh_per_s = 0;
  double recrawl_per_s = 0;
};

config::Config bench_config(const test::TempDir& dir,
                            const test::RedisServer& redis,
                            bool redis_stores,
                            bool fsync) {
  config::Config config;
  config.daemon.state_dir = (dir / "state").string();
  if (redis_stores) {
    config.redis = config::RedisConfig{};
    config.redis->url = config::Secret(redis.url());
  }
  config::SinkConfig jsonl;
  jsonl.name = "jsonl";
  jsonl.path = (dir / "out.jsonl").string();
  jsonl.fsync = fsync;
  config::SinkConfig stream;
  stream.type = config::SinkType::kRedisStream;
  stream.name = "stream";
  stream.redis_url = config::Secret(redis.url());
  config.sinks = {jsonl, stream};
  return config;
}

/// Delivers `records` in batches through `pipeline` with a checkpoint per batch; seconds taken.
/// Returns a negative value when a batch fails (printed; the row is then not a measurement).
double deliver_all(storage::DeliveryPipeline& pipeline,
                   const std::vector<storage::OutRecord>& records,
                   std::size_t batch) {
  const auto start = Clock::now();
  for (std::size_t at = 0; at < records.size(); at += batch) {
    const std::size_t n = std::min(batch, records.size() - at);
    const storage::CheckpointIntent intent{"bench",
                                           storage::Checkpoint{std::to_string(at + n), 0, "", 0}};
    auto report = pipeline.deliver(std::span(records).subspan(at, n), &intent);
    if (!report || report->checkpoint_error) {
      std::fprintf(
          stderr,
          "bench: batch at %zu: %s\n",
          at,
          report ? report->checkpoint_error->message().c_str() : report.error().message().c_str());
      return -1;
    }
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Row measure(test::RedisServer& redis,
            bool redis_stores,
            bool fsync,
            const std::vector<storage::OutRecord>& records,
            std::size_t batch) {
  (void)redis.command({"FLUSHALL"});
  test::TempDir dir;
  auto storage = storage::open_storage(bench_config(dir, redis, redis_stores, fsync));
  if (!storage) {
    std::fprintf(stderr, "bench: %s\n", storage.error().message().c_str());
    return {};
  }
  const double fresh = deliver_all(*storage->pipeline, records, batch);
  const double again = deliver_all(*storage->pipeline, records, batch);
  const auto n = static_cast<double>(records.size());
  return Row{fresh > 0 ? n / fresh : 0, again > 0 ? n / again : 0};
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // redis_connection.hpp REQUIRES
  std::signal(SIGXFSZ, SIG_IGN);  // jsonl_sink.hpp REQUIRES
  std::uint64_t count = 20000;
  bool fsync = true;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mentions") == 0 && i + 1 < argc) {
      count = std::stoull(argv[++i]);
    } else if (std::strcmp(argv[i], "--no-fsync") == 0) {
      fsync = false;
    } else {
      std::fprintf(stderr, "usage: koubei_pipeline_bench [--mentions N] [--no-fsync]\n");
      return 2;
    }
  }
  const std::vector<storage::OutRecord> records = storage::testing::mentions(0, count);
  test::RedisServer redis;
  std::printf("JSONL fsync: %s; %llu mentions of %zu bytes of JSON each\n\n",
              fsync ? "on" : "off",
              static_cast<unsigned long long>(count),
              records.front().json.size());
  std::printf(
      "| state store | batch | mentions | new: claim + JSONL + stream + confirm + checkpoint /s | "
      "re-crawl (all delivered) /s |\n|---|---|---|---|---|\n");
  for (const bool redis_stores : {true, false}) {
    for (const std::size_t batch : {20, 100, 500}) {
      const Row row = measure(redis, redis_stores, fsync, records, batch);
      std::printf("| %s | %zu | %llu | %.0f | %.0f |\n",
                  redis_stores ? "Redis" : "embedded",
                  batch,
                  static_cast<unsigned long long>(count),
                  row.fresh_per_s,
                  row.recrawl_per_s);
      std::fflush(stdout);
    }
  }
  return 0;
}
