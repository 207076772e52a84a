// The delivery pipeline when a JSONL file cannot be written: a read-only (or missing) directory,
// and a file over RLIMIT_FSIZE as a stand-in for a full disk.
#include "storage/delivery_pipeline.hpp"
#include "tests/unit/storage/pipeline_rig.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using koubei::test::TempDir;
using koubei::test::TestDedupStore;
using testing::id_range;
using testing::jsonl_ids;
using testing::mention;
using testing::mentions;
using testing::PipelineRig;
using testing::status_of;
using testing::SwitchableSink;

}  // namespace

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

namespace {

/// In a forked child: the file size limit hits the JSONL file and the spool alike (one full disk).
/// Returns 0 when every step behaved, otherwise the failed step's number.
int deliver_with_sink_and_spool_full(const std::filesystem::path& dir) {
  ::signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0) return 2;
  const rlim_t original = limit.rlim_cur;

  TestDedupStore dedup;
  JsonlSinkOptions file;
  file.path_pattern = (dir / "m.jsonl").string();
  SpoolOptions spool_options;
  spool_options.dir = (dir / "spool/out").string();
  auto spool = Spool::open(spool_options);
  if (!spool) return 3;
  std::vector<DeliveryLane> lanes;
  lanes.push_back(
      DeliveryLane{std::make_unique<JsonlDeliverySink>("out", std::move(file)), std::move(*spool)});
  std::chrono::steady_clock::time_point now{};
  PipelineOptions options;
  options.clock = [&now] { return now; };
  DeliveryPipeline pipeline(dedup, nullptr, std::move(lanes), options);
  if (!pipeline.deliver(mentions(0, 5)).has_value()) return 4;

  limit.rlim_cur = 1024;  // below what the file already holds: every append fails with EFBIG
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 5;
  const auto refused = pipeline.deliver(mentions(5, 5));
  if (refused.has_value()) return 6;
  if (refused.error().code != Errc::kSpoolIoFailed) return 7;
  if (refused.error().where.find(std::strerror(EFBIG)) == std::string::npos) return 8;
  if (dedup.claimed(mention(5).id) || dedup.confirmed(mention(5).id)) return 9;

  limit.rlim_cur = original;
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 10;
  // The caller retries the refused batch (it paused fetching meanwhile): nothing was lost.
  if (!pipeline.deliver(mentions(5, 5)).has_value()) return 11;
  now += 10min;  // the sink's retry time
  if (!pipeline.replay().has_value()) return 12;
  if (jsonl_ids(dir / "m.jsonl") != id_range(0, 10)) return 13;
  return 0;
}

/// Runs fn(dir) in a forked child and returns its exit status (-1 when it did not exit).
int in_child(int (*fn)(const std::filesystem::path&), const std::filesystem::path& dir) {
  std::cout.flush();
  const pid_t child = ::fork();
  if (child < 0) return -1;
  if (child == 0) ::_exit(fn(dir));
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("a JSONL file over RLIMIT_FSIZE (a full disk): named error, spooled, nothing lost",
          "[storage][pipeline][.integration]") {
  TempDir dir;
  CHECK(in_child(deliver_past_file_size_limit, dir.path()) == 0);
}

TEST_CASE("a disk too full for the spool as well: the batch is refused and retried, not lost",
          "[storage][pipeline][.integration]") {
  TempDir dir;
  CHECK(in_child(deliver_with_sink_and_spool_full, dir.path()) == 0);
}

}  // namespace koubei::storage

namespace koubei::storage {

TEST_CASE("a record a sink refuses on its own is set aside with its error and the rest go through",
          "[storage][pipeline]") {
  PipelineRig rig;
  auto batch = mentions(0, 5);
  batch[2].json = R"({"id":"weibo:post:2","text":"two)"
                  "\n"
                  R"(lines"})";  // JSONL refuses it
  const auto report = rig.pipeline->deliver(batch);
  REQUIRE(status_of(report) == "ok");
  CHECK(report->spooled_sinks == 0);
  const std::vector<std::string> others = {
      mentions(0, 1)[0].id, mentions(1, 1)[0].id, mentions(3, 1)[0].id, mentions(4, 1)[0].id};
  CHECK(rig.ids_in("a") == others);
  CHECK(rig.ids_in("b") == others);
  CHECK(rig.pipeline->stats().rejected_records == 2);  // once per sink
  const std::string kept = koubei::test::read_file(rig.dir / "spool/a/rejected.jsonl");
  CHECK_THAT(kept, Catch::Matchers::StartsWith(R"({"id":"weibo:post:2","error":")"));
  CHECK_THAT(kept,
             Catch::Matchers::Contains(
                 R"("record":"{\"id\":\"weibo:post:2\",\"text\":\"two\nlines\"}"})"));
  CHECK(rig.pipeline->lanes()[0].spooled_records == 0);
  CHECK(rig.dedup.confirmed(batch[2].id));
}

}  // namespace koubei::storage
