#include "storage/embedded/record_log.hpp"
#include "storage/errors.hpp"
#include "tests/unit/storage/embedded_test_support.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <random>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage::testing {
namespace {

using embedded::RecordLog;
using embedded::ReplayReport;
using koubei::test::read_file;
using koubei::test::write_file;

constexpr std::uint32_t kKind = 0x54534554;  // "TEST"

std::vector<std::string> replay(const fs::path& path, ReplayReport& report) {
  std::vector<std::string> seen;
  auto log = RecordLog::open(
      path.string(), kKind, [&](std::string_view p) { seen.emplace_back(p); }, report);
  REQUIRE(status_of(log) == "ok");
  return seen;
}

TEST_CASE("record log: records survive reopen in order; appends continue after them",
          "[storage][embedded]") {
  TempDir dir;
  const auto path = dir / "sub" / "t.log";
  {
    ReplayReport report;
    auto log = RecordLog::open(
        path.string(), kKind, [](std::string_view) {}, report);
    REQUIRE(status_of(log) == "ok");
    log->append("one");
    log->append(std::string(3 << 20, 'x'));  // larger than the replay chunk
    log->append("");
    REQUIRE(status_of(log->sync()) == "ok");
    log->append("not synced: dropped with the object");
  }
  ReplayReport report;
  {
    auto log = RecordLog::open(
        path.string(), kKind, [](std::string_view) {}, report);
    REQUIRE(status_of(log) == "ok");
    log->append("four");
    REQUIRE(status_of(log->sync()) == "ok");
  }
  ReplayReport again;
  const auto seen = replay(path, again);
  REQUIRE(seen.size() == 4);
  CHECK(seen[0] == "one");
  CHECK(seen[1].size() == (3u << 20));
  CHECK(seen[2].empty());
  CHECK(seen[3] == "four");
  CHECK(again.torn_bytes == 0);
}

TEST_CASE("record log: a torn tail at any byte is cut, earlier records stay",
          "[storage][embedded]") {
  TempDir dir;
  const auto path = dir / "t.log";
  {
    ReplayReport report;
    auto log = RecordLog::open(
        path.string(), kKind, [](std::string_view) {}, report);
    log->append("first record");
    log->append("second record");
    REQUIRE(status_of(log->sync()) == "ok");
  }
  const std::string whole = read_file(path);
  const std::size_t second_start = 16 + 8 + 12;
  // Every cut inside the second record (a crash mid-write) leaves exactly the first.
  for (std::size_t cut = second_start + 1; cut < whole.size(); ++cut) {
    INFO("cut at " << cut);
    write_file(path, whole.substr(0, cut));
    ReplayReport report;
    const auto seen = replay(path, report);
    CHECK(seen == std::vector<std::string>{"first record"});
    CHECK(report.torn_bytes == cut - second_start);
    CHECK(fs::file_size(path) == second_start);  // repaired on disk
  }
  // A zero-filled tail (the file grew, the data never landed) is torn too.
  write_file(path, whole + std::string(100, '\0'));
  ReplayReport zeros;
  CHECK(replay(path, zeros).size() == 2);
  CHECK(zeros.torn_bytes == 100);
  // A flipped byte inside a record stops the replay there.
  std::string flipped = whole;
  flipped[second_start + 10] ^= 0x20;
  write_file(path, flipped);
  ReplayReport damaged;
  CHECK(replay(path, damaged).size() == 1);
}

TEST_CASE("record log: any damage after the header replays a prefix of the records, no more",
          "[storage][embedded]") {
  TempDir dir;
  const auto path = dir / "t.log";
  std::vector<std::string> records;
  {
    ReplayReport report;
    auto log = RecordLog::open(
        path.string(), kKind, [](std::string_view) {}, report);
    for (int i = 0; i < 40; ++i) {
      records.push_back(std::string(static_cast<std::size_t>(i * 7 % 50), 'a' + i % 26));
      log->append(records.back());
    }
    REQUIRE(status_of(log->sync()) == "ok");
  }
  const std::string whole = read_file(path);
  std::mt19937 rng(2026);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes = whole;
    // 1-3 random byte changes after the header, sometimes a random cut or random garbage tail.
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = 16 + rng() % (bytes.size() - 16);
      bytes[at] = static_cast<char>(rng());
    }
    if (rng() % 3 == 0) bytes.resize(16 + rng() % (bytes.size() - 16));
    if (rng() % 4 == 0) {
      for (int g = 0; g < 20; ++g)
        bytes.push_back(static_cast<char>(rng()));
    }
    write_file(path, bytes);
    ReplayReport report;
    std::vector<std::string> seen;
    auto log = RecordLog::open(
        path.string(), kKind, [&](std::string_view p) { seen.emplace_back(p); }, report);
    INFO("trial " << trial);
    REQUIRE(status_of(log) == "ok");
    REQUIRE(seen.size() <= records.size());
    for (std::size_t i = 0; i < seen.size(); ++i)
      REQUIRE(seen[i] == records[i]);
    REQUIRE(log->file_bytes() == fs::file_size(path));
  }
}

TEST_CASE("record log: a header cut short restarts empty; a foreign file is kCorrupt",
          "[storage][embedded]") {
  TempDir dir;
  const auto path = dir / "t.log";
  write_file(path, "KOUBEI");  // crash while writing the header of a new file
  ReplayReport report;
  CHECK(replay(path, report).empty());
  CHECK(fs::file_size(path) == 16);

  write_file(path, "this is somebody else's file, not ours at all");
  ReplayReport foreign;
  auto log = RecordLog::open(
      path.string(), kKind, [](std::string_view) {}, foreign);
  REQUIRE_FALSE(log.has_value());
  CHECK(log.error().code == make_error_code(Errc::kCorrupt));
  CHECK(read_file(path) == "this is somebody else's file, not ours at all");  // untouched
}

TEST_CASE("record log: rewrite replaces the content atomically and appends continue",
          "[storage][embedded]") {
  TempDir dir;
  const auto path = dir / "t.log";
  ReplayReport report;
  auto log = RecordLog::open(
      path.string(), kKind, [](std::string_view) {}, report);
  for (int i = 0; i < 100; ++i)
    log->append("old " + std::to_string(i));
  REQUIRE(status_of(log->sync()) == "ok");
  write_file(dir / "t.log.tmp", "stale temp of a crashed compaction");
  REQUIRE(status_of(log->rewrite([](const auto& emit) {
            emit("kept 1");
            emit("kept 2");
          })) == "ok");
  log->append("after");
  REQUIRE(status_of(log->sync()) == "ok");
  CHECK(log->file_bytes() == fs::file_size(path));
  ReplayReport again;
  CHECK(replay(path, again) == std::vector<std::string>{"kept 1", "kept 2", "after"});
  CHECK_FALSE(fs::exists(dir / "t.log.tmp"));
}

TEST_CASE("record log: a failed write keeps the records pending and the file whole",
          "[storage][embedded]") {
  TempDir dir;
  const auto path = dir / "t.log";
  ReplayReport report;
  auto log = RecordLog::open(
      path.string(), kKind, [](std::string_view) {}, report);
  log->append("good");
  REQUIRE(status_of(log->sync()) == "ok");
  const auto size = fs::file_size(path);
  // /dev/full is not available everywhere; a read-only reopen of the fd is not possible either,
  // so provoke EFBIG with RLIMIT_FSIZE in a child process, where the limit cannot leak.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{static_cast<rlim_t>(size + 10), static_cast<rlim_t>(size + 10)};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    log->append(std::string(100, 'y'));
    auto r = log->sync();
    const bool named = !r.has_value() && r.error().code == make_error_code(Errc::kWriteFailed);
    const bool pending = log->pending_bytes() == 108;
    const bool whole = fs::file_size(path) == size;
    ::_exit(named && pending && whole ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  ReplayReport again;
  CHECK(replay(path, again) == std::vector<std::string>{"good"});
}

}  // namespace
}  // namespace koubei::storage::testing
