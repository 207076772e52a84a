// delivery_crash_child: the koubei process that the delivery integration tests kill, starve of
// Redis or run twice. It plays one crawl job over a fixed window of mentions (weibo:post:0 ..
// total-1, in batches) through the real storage stack built from a configuration (the state
// stores of open_state_stores: embedded, or Redis when redis= is given; the sinks of open_lanes:
// JSONL, and PostgreSQL / redis_stream when asked), resuming from its checkpoint.
//
//   delivery_crash_child key=value...
//     state=DIR jsonl=PATH total=N batch=N            required
//     pg=DSN  stream=NAME  stream_url=URL             more sinks (stream_url: else redis=)
//     redis=URL  claim_ttl_ms=N                       Redis dedup + checkpoint store
//     job=ID (default "window")  pause_ms=N (between batches)  reverse=1 (walk the window from
//     its end: cursor c covers the last c mentions)
//     gate=PATH gate_at=N   after N batches print "waiting" and wait until PATH exists
//     die_at=N stage=S      SIGKILL itself during the N-th batch with new ids of this run, at S:
//                           after-claim, mid-sinks (JSONL written, the others not), after-sinks
//                           (every sink written, not confirmed), after-confirm (not checkpointed)
//
// Prints "done <cursor>" after each batch whose checkpoint was saved, "held <cursor>" when a live
// claim of another (or a killed) process held it, "failed <cursor>" when deliver() failed (e.g.
// Redis down), and "complete" once the window is delivered and every spool is empty (exit 0).
// Exit 2 on bad arguments, 1 on a give-up (no progress for 2 minutes).

#include "storage/delivery_lanes.hpp"
#include "storage/state_stores.hpp"
#include "storage/storage_stack.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <thread>

namespace koubei::storage {
namespace {

using Args = std::map<std::string, std::string>;
using Clock = std::chrono::steady_clock;

struct KillPlan {
  int at_batch = 0;  // 0: never
  std::string stage;
  int batch = 0;  // claims in this run that answered at least one kNew

  void maybe_die(std::string_view here) const {
    if (batch == at_batch && stage == here) std::raise(SIGKILL);
  }
};

/// Forwards to the real store and dies at the planned stage.
class KillingDedup final : public DedupStore {
 public:
  KillingDedup(DedupStore& inner, KillPlan& plan) : inner_(inner), plan_(plan) {}

  Result<std::vector<ClaimState>> claim(std::span<const std::string> ids,
                                        config::Duration ttl) override {
    auto out = inner_.claim(ids, ttl);
    // Batches held by a live claim do not count: the kill must hit a batch that writes.
    if (out && std::count(out->begin(), out->end(), ClaimState::kNew) > 0) ++plan_.batch;
    plan_.maybe_die("after-claim");
    return out;
  }

  Result<void> confirm(std::span<const std::string> ids, config::Duration ttl) override {
    auto out = inner_.confirm(ids, ttl);
    plan_.maybe_die("after-confirm");
    return out;
  }

  Result<void> release(std::span<const std::string> ids) override { return inner_.release(ids); }

  DedupStats stats() const override { return inner_.stats(); }

 private:
  DedupStore& inner_;
  KillPlan& plan_;
};

/// Forwards to the real sink and dies after a successful write at the planned stage.
class KillingSink final : public Sink {
 public:
  KillingSink(std::unique_ptr<Sink> inner, const KillPlan& plan, std::string stage)
      : inner_(std::move(inner)), plan_(plan), stage_(std::move(stage)) {}

  std::string_view name() const override { return inner_->name(); }

  Result<void> write(std::span<const OutRecord> batch) override {
    auto out = inner_->write(batch);
    if (out) plan_.maybe_die(stage_);
    return out;
  }

  SinkStats stats() const override { return inner_->stats(); }

 private:
  std::unique_ptr<Sink> inner_;
  const KillPlan& plan_;
  std::string stage_;
};

std::string arg(const Args& args, const std::string& key, std::string fallback = {}) {
  const auto it = args.find(key);
  return it == args.end() ? fallback : it->second;
}

config::SinkConfig sink_config(config::SinkType type, std::string name) {
  config::SinkConfig sink;
  sink.type = type;
  sink.name = std::move(name);
  sink.spool_max = 64 << 20;
  return sink;
}

config::Config config_of(const Args& args) {
  config::Config config;
  config.daemon.state_dir = arg(args, "state");
  if (args.count("redis") != 0) {
    config::RedisConfig redis;
    redis.url = config::Secret(arg(args, "redis"));
    redis.claim_ttl = std::chrono::milliseconds(std::stoll(arg(args, "claim_ttl_ms", "300000")));
    redis.connect_timeout = std::chrono::seconds(10);  // generous: the machine may be loaded
    redis.command_timeout = std::chrono::seconds(10);
    config.redis = redis;
  }
  auto jsonl = sink_config(config::SinkType::kJsonl, "jsonl");
  jsonl.path = arg(args, "jsonl");
  config.sinks.push_back(jsonl);
  if (args.count("pg") != 0) {
    auto pg = sink_config(config::SinkType::kPostgres, "pg");
    pg.dsn = config::Secret(arg(args, "pg"));
    pg.batch_rows = 7;  // several statements per transaction
    config.sinks.push_back(pg);
  }
  if (args.count("stream") != 0) {
    auto stream = sink_config(config::SinkType::kRedisStream, "stream");
    stream.stream = arg(args, "stream");
    stream.redis_url = config::Secret(arg(args, "stream_url"));
    stream.maxlen = 0;  // the tests count every entry
    config.sinks.push_back(stream);
  }
  return config;
}

/// The storage stack, with the kill points wrapped around its parts when a kill is planned (the
/// same three calls open_storage() makes, so the same wiring is under test).
struct Stack {
  StorageStack storage;
  std::unique_ptr<KillingDedup> killing;
};

Result<Stack> open_stack(const config::Config& config, KillPlan& plan) {
  PipelineOptions options = pipeline_options(config);
  options.retry_initial = std::chrono::milliseconds(100);
  options.retry_max = std::chrono::milliseconds(500);
  Stack stack;
  if (plan.at_batch == 0) {
    auto storage = open_storage(config, options);
    if (!storage) return storage.error();
    stack.storage = std::move(*storage);
    return stack;
  }
  auto stores = open_state_stores(config);
  if (!stores) return stores.error();
  stack.storage.stores = std::move(*stores);
  auto lanes = open_lanes(config);
  if (!lanes) return lanes.error();
  for (std::size_t i = 0; i < lanes->size(); ++i) {
    auto& lane = (*lanes)[i];
    const bool last = i + 1 == lanes->size();
    const std::string stage = i == 0 ? "mid-sinks" : last ? "after-sinks" : "";
    lane.sink = std::make_unique<KillingSink>(std::move(lane.sink), plan, stage);
  }
  stack.killing = std::make_unique<KillingDedup>(*stack.storage.stores.dedup, plan);
  stack.storage.pipeline = std::make_unique<DeliveryPipeline>(
      *stack.killing, stack.storage.stores.checkpoints.get(), std::move(*lanes), options);
  return stack;
}

int run(const Args& args) {
  for (const char* key : {"state", "jsonl", "total", "batch"}) {
    if (args.count(key) == 0) return 2;
  }
  const std::uint64_t total = std::stoull(arg(args, "total"));
  const std::uint64_t batch_size = std::stoull(arg(args, "batch"));
  const std::string job = arg(args, "job", "window");
  const auto pause = std::chrono::milliseconds(std::stoll(arg(args, "pause_ms", "0")));
  const int gate_at = std::stoi(arg(args, "gate_at", "-1"));
  const bool reverse = arg(args, "reverse") == "1";
  KillPlan plan{std::stoi(arg(args, "die_at", "0")), arg(args, "stage"), 0};

  auto stack = open_stack(config_of(args), plan);
  if (!stack) {
    std::cerr << "child: " << stack.error().message() << '\n';
    return 1;
  }
  DeliveryPipeline& pipeline = *stack->storage.pipeline;
  CheckpointStore& checkpoints = *stack->storage.stores.checkpoints;

  auto loaded = checkpoints.load(job);
  for (auto until = Clock::now() + std::chrono::minutes(2); !loaded && Clock::now() < until;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Redis not up yet
    loaded = checkpoints.load(job);
  }
  if (!loaded) return 1;
  std::uint64_t next = loaded->has_value() ? std::stoull((*loaded)->cursor) : 0;
  int batches = 0;
  auto give_up_at = Clock::now() + std::chrono::minutes(2);
  while (next < total) {
    if (batches++ == gate_at) {
      std::cout << "waiting" << std::endl;
      while (!std::filesystem::exists(arg(args, "gate")))
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const std::uint64_t count = std::min(batch_size, total - next);
    const CheckpointIntent intent{job, Checkpoint{std::to_string(next + count), 0, "", 0}};
    const std::uint64_t first = reverse ? total - next - count : next;
    auto report = pipeline.deliver(testing::mentions(first, count), &intent);
    if (report && report->checkpoint == CheckpointVerdict::kAdvance && !report->checkpoint_error) {
      next += count;
      std::cout << "done " << next << std::endl;
      give_up_at = Clock::now() + std::chrono::minutes(2);
      std::this_thread::sleep_for(pause);
      continue;
    }
    if (report && report->checkpoint == CheckpointVerdict::kHold) {
      std::cout << "held " << next << std::endl;
    } else {
      std::cout << "failed " << next << std::endl;
      std::cerr << "child " << job << ": batch at " << next << ": "
                << (report ? report->checkpoint_error->message() : report.error().message())
                << '\n';
    }
    if (Clock::now() > give_up_at) return 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the caller's real backoff
  }
  // Drain the spools before reporting success (a sink may have been down).
  for (auto until = Clock::now() + std::chrono::minutes(2); Clock::now() < until;) {
    const auto lanes = pipeline.lanes();
    if (std::all_of(lanes.begin(), lanes.end(), [](const LaneStatus& l) {
          return l.spooled_records == 0;
        })) {
      std::cout << "complete" << std::endl;
      return 0;
    }
    (void)pipeline.replay();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 1;
}

}  // namespace
}  // namespace koubei::storage

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // redis_connection.hpp REQUIRES
  std::signal(SIGXFSZ, SIG_IGN);  // jsonl_sink.hpp REQUIRES
  koubei::storage::Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string kv = argv[i];
    const auto eq = kv.find('=');
    if (eq == std::string::npos) return 2;
    args[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return koubei::storage::run(args);
}
