#include "storage/delivery_pipeline.hpp"

#include "storage/jsonl_delivery_sink.hpp"
#include "tests/support/test_stores.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstring>
#include <iostream>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using koubei::test::TempDir;
using koubei::test::TestCheckpointStore;
using koubei::test::TestDedupStore;
using testing::id_range;
using testing::jsonl_ids;
using testing::mention;
using testing::mentions;
using testing::status_of;
using testing::SwitchableSink;

/// Two JSONL sinks ("a" and "b") behind switches, their spools, test stores and a manual clock.
struct PipelineRig {
  TempDir dir;
  TestDedupStore dedup;
  TestCheckpointStore checkpoints;
  std::chrono::steady_clock::time_point now{};
  std::vector<SwitchableSink*> switches;
  std::unique_ptr<DeliveryPipeline> pipeline;

  explicit PipelineRig(std::uint64_t spool_max = 1 << 20) {
    std::vector<DeliveryLane> lanes;
    for (const std::string name : {"a", "b"}) {
      JsonlSinkOptions file;
      file.path_pattern = (dir / (name + ".jsonl")).string();
      auto sink = std::make_unique<SwitchableSink>(
          std::make_unique<JsonlDeliverySink>(name, std::move(file)));
      switches.push_back(sink.get());
      SpoolOptions spool;
      spool.dir = (dir / ("spool/" + name)).string();
      spool.max_bytes = spool_max;
      auto opened = Spool::open(spool);
      REQUIRE(opened.has_value());
      lanes.push_back(DeliveryLane{std::move(sink), std::move(*opened)});
    }
    PipelineOptions options;
    options.replay_batch = 4;
    options.clock = [this] {
      return now;
    };
    pipeline = std::make_unique<DeliveryPipeline>(dedup, &checkpoints, std::move(lanes), options);
  }

  std::vector<std::string> ids_in(const std::string& sink) const {
    return jsonl_ids(dir / (sink + ".jsonl"));
  }

  Result<DeliveryReport> deliver(std::uint64_t first, std::uint64_t count, std::string cursor) {
    const CheckpointIntent intent{"job", Checkpoint{std::move(cursor), 0, "", 0}};
    return pipeline->deliver(mentions(first, count), &intent);
  }

  std::string cursor() {
    auto loaded = checkpoints.load("job");
    REQUIRE(loaded.has_value());
    return loaded->has_value() ? (*loaded)->cursor : "(none)";
  }
};

}  // namespace

TEST_CASE("pipeline writes a batch to every sink, confirms it, then saves the checkpoint",
          "[storage][pipeline]") {
  PipelineRig rig;
  const auto report = rig.deliver(0, 5, "c5");
  REQUIRE(status_of(report) == "ok");
  CHECK(report->fresh == 5);
  CHECK(report->checkpoint == CheckpointVerdict::kAdvance);
  CHECK(rig.ids_in("a") == id_range(0, 5));
  CHECK(rig.ids_in("b") == id_range(0, 5));
  CHECK(rig.dedup.confirmed_count() == 5);
  CHECK(rig.cursor() == "c5");

  // The same items found again (another query, a re-crawl): skipped, checkpoint still advances.
  const auto again = rig.deliver(3, 4, "c7");
  REQUIRE(status_of(again) == "ok");
  CHECK(again->skipped == 2);
  CHECK(again->fresh == 2);
  CHECK(rig.ids_in("a") == id_range(0, 7));
  CHECK(rig.cursor() == "c7");
}

TEST_CASE("ids claimed elsewhere are not written and hold the checkpoint until delivered",
          "[storage][pipeline]") {
  PipelineRig rig;
  rig.dedup.claim_elsewhere_for_test(mention(2).id, 5min);
  const auto report = rig.deliver(0, 4, "c4");
  REQUIRE(status_of(report) == "ok");
  CHECK(report->held_ids == std::vector<std::string>{mention(2).id});
  CHECK(report->checkpoint == CheckpointVerdict::kHold);
  CHECK(rig.cursor() == "(none)");
  CHECK(rig.ids_in("a") == std::vector<std::string>{mention(0).id, mention(1).id, mention(3).id});
  CHECK(rig.pipeline->stats().checkpoints_held == 1);

  // The other claim expired unconfirmed (its process died): the next crawl delivers the id.
  rig.dedup.advance_clock_for_test(6min);
  const auto retry = rig.deliver(0, 4, "c4");
  REQUIRE(status_of(retry) == "ok");
  CHECK(retry->fresh == 1);
  CHECK(retry->checkpoint == CheckpointVerdict::kAdvance);
  CHECK(rig.cursor() == "c4");
  CHECK(rig.ids_in("b").back() == mention(2).id);
}

TEST_CASE("a sink that is down gets its records through the spool, in order, when it returns",
          "[storage][pipeline]") {
  PipelineRig rig;
  REQUIRE(status_of(rig.deliver(0, 3, "c3")) == "ok");
  rig.switches[1]->down = true;
  const auto spooled = rig.deliver(3, 3, "c6");
  REQUIRE(status_of(spooled) == "ok");
  CHECK(spooled->spooled_sinks == 1);
  CHECK(rig.cursor() == "c6");  // durable in the spool: crawling goes on (guarantees §8)
  CHECK(rig.dedup.confirmed(mention(5).id));

  // While it backs off, later batches go to the spool behind the earlier ones, not to the sink.
  const int attempts = rig.switches[1]->attempts;
  REQUIRE(status_of(rig.deliver(6, 3, "c9")) == "ok");
  CHECK(rig.switches[1]->attempts == attempts);
  CHECK(rig.pipeline->lanes()[1].spooled_records == 6);
  CHECK(rig.pipeline->lanes()[1].consecutive_failures == 1);

  rig.switches[1]->down = false;
  CHECK(status_of(rig.pipeline->replay()) == "ok");  // still backing off: nothing yet
  CHECK(rig.pipeline->lanes()[1].spooled_records == 6);
  rig.now += 2s;
  REQUIRE(status_of(rig.deliver(9, 2, "c11")) == "ok");
  CHECK(rig.ids_in("a") == id_range(0, 11));
  CHECK(rig.ids_in("b") == id_range(0, 11));  // spooled ones first, then the new batch
  CHECK(rig.pipeline->lanes()[1].spooled_records == 0);
  CHECK(rig.pipeline->stats().replayed_records == 6);
}

TEST_CASE("a full spool refuses the batch with kSpoolFull before claiming and drops nothing",
          "[storage][pipeline]") {
  PipelineRig rig(3000);  // room for a few records only
  rig.switches[0]->down = true;
  std::uint64_t next = 0;
  Result<DeliveryReport> last = DeliveryReport{};
  for (; next < 100 && last.has_value(); next += 2)
    last = rig.deliver(next, 2, "c");
  REQUIRE(last.has_error());
  CHECK(last.error().code == Errc::kSpoolFull);
  CHECK_THAT(last.error().where, Catch::Matchers::Contains("sink a"));
  const std::uint64_t accepted = next - 2;
  CHECK(accepted > 0);
  CHECK(rig.dedup.confirmed_count() == accepted);
  CHECK_FALSE(rig.dedup.claimed(mention(accepted).id));  // refused before the claim
  CHECK(rig.pipeline->stats().backpressure >= 1);

  // The caller retries the refused batch after the sink is back: everything arrives once, in order.
  rig.switches[0]->down = false;
  rig.now += 10min;
  REQUIRE(status_of(rig.deliver(accepted, 2, "c")) == "ok");
  CHECK(rig.ids_in("a") == id_range(0, accepted + 2));
  CHECK(rig.ids_in("b") == id_range(0, accepted + 2));
}

TEST_CASE("a failed claim writes nothing and a failed confirm releases the claims",
          "[storage][pipeline]") {
  PipelineRig rig;
  rig.dedup.fail_next_for_test(TestDedupStore::Op::kClaim);
  const auto no_claim = rig.deliver(0, 2, "c2");
  REQUIRE(no_claim.has_error());
  CHECK(rig.ids_in("a").empty());
  CHECK(rig.pipeline->stats().claim_failures == 1);

  rig.dedup.fail_next_for_test(TestDedupStore::Op::kConfirm, 2);
  const auto no_confirm = rig.deliver(0, 2, "c2");
  REQUIRE(no_confirm.has_error());
  CHECK(rig.cursor() == "(none)");
  CHECK_FALSE(rig.dedup.claimed(mention(0).id));

  // The retry delivers again (the same ids twice in the file: at least once, never lost).
  REQUIRE(status_of(rig.deliver(0, 2, "c2")) == "ok");
  CHECK(rig.ids_in("a") ==
        std::vector<std::string>{mention(0).id, mention(1).id, mention(0).id, mention(1).id});
  CHECK(rig.cursor() == "c2");
}

}  // namespace koubei::storage

namespace koubei::storage {

TEST_CASE("an unwritable JSONL directory is a named error and its records wait in the spool",
          "[storage][pipeline]") {
  PipelineRig rig;
  REQUIRE(status_of(rig.deliver(0, 2, "c2")) == "ok");
  // Block the output directory of sink "a": read-only, or (root ignores modes) not a directory.
  const auto out = rig.dir / "a-dir";
  const bool root = ::geteuid() == 0;
  if (root) {
    koubei::test::write_file(out, "not a directory");
  } else {
    std::filesystem::create_directories(out);
    std::filesystem::permissions(
        out, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  }
  JsonlSinkOptions file;
  file.path_pattern = (out / "m.jsonl").string();
  auto sink = std::make_unique<SwitchableSink>(
      std::make_unique<JsonlDeliverySink>("blocked", std::move(file)));
  SwitchableSink* blocked = sink.get();
  SpoolOptions spool_options;
  spool_options.dir = (rig.dir / "spool/blocked").string();
  auto spool = Spool::open(spool_options);
  REQUIRE(spool.has_value());
  std::vector<DeliveryLane> lanes;
  lanes.push_back(DeliveryLane{std::move(sink), std::move(*spool)});
  PipelineOptions options;
  options.clock = [&rig] {
    return rig.now;
  };
  DeliveryPipeline pipeline(rig.dedup, &rig.checkpoints, std::move(lanes), options);

  for (std::uint64_t first = 10; first < 30; first += 5) {
    REQUIRE(status_of(pipeline.deliver(mentions(first, 5))) == "ok");
    rig.now += 10min;  // every batch tries the sink again (and fails)
  }
  REQUIRE(blocked->last_error.has_value());
  CHECK(blocked->last_error->code == Errc::kOpenFailed);
  CHECK_THAT(blocked->last_error->where, Catch::Matchers::Contains("jsonl sink blocked"));
  CHECK_THAT(blocked->last_error->where, Catch::Matchers::Contains((out / "m.jsonl").string()));
  CHECK(pipeline.lanes()[0].spooled_records == 20);

  if (root) {
    std::filesystem::remove(out);
  } else {
    std::filesystem::permissions(out, std::filesystem::perms::owner_all);
  }
  rig.now += 10min;
  REQUIRE(status_of(pipeline.replay()) == "ok");
  CHECK(jsonl_ids(out / "m.jsonl") == id_range(10, 20));
}

namespace {

/// In a forked child (the limit and SIGXFSZ disposition must not leak into the test runner).
/// Returns 0 when every step behaved, otherwise the failed step's number.
int deliver_past_file_size_limit(const std::filesystem::path& dir) {
  ::signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0) return 2;
  const rlim_t original = limit.rlim_cur;
  limit.rlim_cur = 16 << 10;  // the JSONL file outgrows it; 4 KiB spool segments do not
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 3;

  TestDedupStore dedup;
  std::chrono::steady_clock::time_point now{};
  JsonlSinkOptions file;
  file.path_pattern = (dir / "m.jsonl").string();
  auto sink =
      std::make_unique<SwitchableSink>(std::make_unique<JsonlDeliverySink>("out", std::move(file)));
  SwitchableSink* out = sink.get();
  SpoolOptions spool_options;
  spool_options.dir = (dir / "spool/out").string();
  spool_options.segment_bytes = 4096;
  auto spool = Spool::open(spool_options);
  if (!spool) return 4;
  std::vector<DeliveryLane> lanes;
  lanes.push_back(DeliveryLane{std::move(sink), std::move(*spool)});
  PipelineOptions options;
  options.clock = [&now] {
    return now;
  };
  DeliveryPipeline pipeline(dedup, nullptr, std::move(lanes), options);
  for (std::uint64_t first = 0; first < 100; first += 5) {
    if (!pipeline.deliver(mentions(first, 5)).has_value()) return 5;
    now += 10min;
  }
  if (!out->last_error || out->last_error->code != Errc::kWriteFailed) return 6;
  if (out->last_error->where.find(std::strerror(EFBIG)) == std::string::npos) return 7;
  if (pipeline.lanes()[0].spooled_records == 0) return 8;
  if (std::filesystem::file_size(dir / "m.jsonl") > (16 << 10)) return 9;

  limit.rlim_cur = original;  // the disk has room again
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 10;
  now += 10min;
  if (!pipeline.replay().has_value()) return 11;
  if (pipeline.lanes()[0].spooled_records != 0) return 12;
  if (jsonl_ids(dir / "m.jsonl") != id_range(0, 100)) return 13;
  return 0;
}

}  // namespace

TEST_CASE("a JSONL file over RLIMIT_FSIZE (a full disk): named error, spooled, nothing lost",
          "[storage][pipeline][.integration]") {
  TempDir dir;
  std::cout.flush();
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(deliver_past_file_size_limit(dir.path()));
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

}  // namespace koubei::storage
