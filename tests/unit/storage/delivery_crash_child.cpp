// delivery_crash_child: the process that delivery_crash_test.cpp kills with SIGKILL. It plays a
// crawl job over a fixed window of mentions (weibo:post:0 .. total-1, in batches) through the real
// delivery pipeline (JSONL + PostgreSQL sinks, spools, file-backed test stores), resuming from its
// checkpoint, and prints "done <cursor>" after each batch whose checkpoint was saved.
//
//   delivery_crash_child STATE_DIR JSONL_PATH PG_DSN TOTAL BATCH [DIE_AT STAGE]
//
// With DIE_AT/STAGE it sends itself SIGKILL during its DIE_AT-th batch (1-based, counted in this
// run) at STAGE: after-claim, mid-sinks (JSONL written, PostgreSQL not), after-sinks (both
// written, not confirmed) or after-confirm (confirmed, checkpoint not saved). Exit 0 when the
// whole window is delivered and every spool is empty; 2 on bad arguments; 1 on a give-up.

#include "storage/delivery_pipeline.hpp"
#include "storage/jsonl_delivery_sink.hpp"
#include "storage/postgres/postgres_sink.hpp"
#include "tests/support/test_stores.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

namespace koubei::storage {
namespace {

struct KillPlan {
  int at_batch = 0;  // 0: never
  std::string stage;
  int batch = 0;  // deliver() calls so far in this run

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
    ++plan_.batch;
    auto out = inner_.claim(ids, ttl);
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

Result<Spool> spool_for(const std::string& state, const std::string& name) {
  SpoolOptions options;
  options.dir = state + "/spool/" + name;
  options.max_bytes = 64 << 20;
  return Spool::open(options);
}

int run(int argc, char** argv) {
  if (argc != 6 && argc != 8) return 2;
  const std::string state = argv[1];
  const std::uint64_t total = std::stoull(argv[4]);
  const std::uint64_t batch_size = std::stoull(argv[5]);
  KillPlan plan;
  if (argc == 8) plan = KillPlan{std::stoi(argv[6]), argv[7], 0};

  koubei::test::TestDedupStore real_dedup(state + "/confirmed.log");
  KillingDedup dedup(real_dedup, plan);
  koubei::test::TestCheckpointStore checkpoints(state);

  JsonlSinkOptions file;
  file.path_pattern = argv[2];
  postgres::PostgresSinkOptions pg;
  pg.name = "pg";
  pg.dsn = config::Secret(argv[3]);
  pg.batch_rows = 7;  // several statements per transaction
  auto jsonl_spool = spool_for(state, "jsonl");
  auto pg_spool = spool_for(state, "pg");
  if (!jsonl_spool || !pg_spool) return 1;
  std::vector<DeliveryLane> lanes;
  lanes.push_back(
      DeliveryLane{std::make_unique<KillingSink>(
                       std::make_unique<JsonlDeliverySink>("jsonl", file), plan, "mid-sinks"),
                   std::move(*jsonl_spool)});
  lanes.push_back(
      DeliveryLane{std::make_unique<KillingSink>(
                       std::make_unique<postgres::PostgresSink>(pg), plan, "after-sinks"),
                   std::move(*pg_spool)});
  PipelineOptions options;
  options.retry_initial = std::chrono::milliseconds(100);
  options.retry_max = std::chrono::milliseconds(500);
  DeliveryPipeline pipeline(dedup, &checkpoints, std::move(lanes), options);

  auto loaded = checkpoints.load("window");
  if (!loaded) return 1;
  std::uint64_t next = loaded->has_value() ? std::stoull((*loaded)->cursor) : 0;
  for (int failures = 0; next < total;) {
    const std::uint64_t count = std::min(batch_size, total - next);
    const CheckpointIntent intent{"window", Checkpoint{std::to_string(next + count), 0, "", 0}};
    auto report = pipeline.deliver(testing::mentions(next, count), &intent);
    if (!report || report->checkpoint != CheckpointVerdict::kAdvance || report->checkpoint_error) {
      std::cerr << "child: batch at " << next
                << " not delivered: " << (report ? "checkpoint" : report.error().message()) << '\n';
      if (++failures > 600) return 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a real backoff, not a test
      continue;
    }
    next += count;
    std::cout << "done " << next << std::endl;
  }
  // Drain the spools before reporting success (the sinks may have been down).
  for (int tries = 0; tries < 600; ++tries) {
    const auto lanes_now = pipeline.lanes();
    const bool empty = std::all_of(lanes_now.begin(), lanes_now.end(), [](const LaneStatus& l) {
      return l.spooled_records == 0;
    });
    if (empty) {
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
  return koubei::storage::run(argc, argv);
}
