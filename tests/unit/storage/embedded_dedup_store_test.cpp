#include "storage/embedded/embedded_dedup_store.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/embedded_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage::testing {
namespace {

using Catch::Matchers::Contains;
using embedded::EmbeddedDedupOptions;
using embedded::EmbeddedDedupStore;
using namespace std::chrono_literals;
using S = ClaimState;

std::unique_ptr<EmbeddedDedupStore> open_store(const fs::path& dir,
                                               FakeWallClock& clock,
                                               EmbeddedDedupOptions options = {}) {
  options.now_ms = clock.fn();
  auto store = EmbeddedDedupStore::open(lock_dir(dir), std::move(options));
  REQUIRE(status_of(store) == "ok");
  return std::move(*store);
}

TEST_CASE("embedded dedup: claim, confirm, release and claim expiry on a fake clock",
          "[storage][embedded]") {
  TempDir dir;
  FakeWallClock clock;
  auto store = open_store(dir.path(), clock);
  const std::vector<std::string> batch = {"a", "b", "a", "c"};
  CHECK(store->claim(batch, 5min).value() ==
        std::vector<S>{S::kNew, S::kNew, S::kClaimed, S::kNew});
  CHECK(store->claim(std::vector<std::string>{"a"}, 5min).value().front() == S::kClaimed);
  REQUIRE(status_of(store->confirm(std::vector<std::string>{"a"}, 30 * 24h)) == "ok");
  REQUIRE(status_of(store->release(std::vector<std::string>{"b"})) == "ok");
  CHECK(store->claim(std::vector<std::string>{"a", "b", "c", "a"}, 5min).value() ==
        std::vector<S>{S::kDelivered, S::kNew, S::kClaimed, S::kClaimed});
  clock.advance(5min);  // the claims on b and c expire unconfirmed: new again
  CHECK(store->claim(std::vector<std::string>{"b", "c"}, 5min).value() ==
        std::vector<S>{S::kNew, S::kNew});
  clock.advance(30 * 24h);  // the dedup window passed: a is new again
  CHECK(store->claim(std::vector<std::string>{"a"}, 5min).value().front() == S::kNew);
  CHECK(store->stats().confirms == 1);
  CHECK(store->stats().releases == 1);
}

TEST_CASE("embedded dedup: a restart remembers confirmed ids, not claims", "[storage][embedded]") {
  TempDir dir;
  FakeWallClock clock;
  const auto delivered = mention_ids(0, 1000);
  const auto claimed = mention_ids(1000, 1100);
  {
    auto store = open_store(dir.path(), clock);
    REQUIRE(status_of(store->claim(delivered, 5min)) == "ok");
    REQUIRE(status_of(store->confirm(delivered, 30 * 24h)) == "ok");
    REQUIRE(status_of(store->claim(claimed, 5min)) == "ok");
  }  // "process exits": the lock and the claims go with it
  auto store = open_store(dir.path(), clock);
  auto again = store->claim(delivered, 5min);
  REQUIRE(status_of(again) == "ok");
  CHECK(std::count(again->begin(), again->end(), S::kDelivered) == 1000);
  auto fresh = store->claim(claimed, 5min);
  CHECK(std::count(fresh->begin(), fresh->end(), S::kNew) == 100);
  CHECK(store->embedded_stats().replayed_records == 1000);
  // Expired records are not loaded back.
  clock.advance(31 * 24h);
  store.reset();
  auto later = open_store(dir.path(), clock);
  CHECK(later->embedded_stats().live_keys == 0);
}

TEST_CASE("embedded dedup: torn tail after a crash mid-write; earlier batches remembered",
          "[storage][embedded]") {
  TempDir dir;
  FakeWallClock clock;
  {
    auto store = open_store(dir.path(), clock);
    for (int b = 0; b < 3; ++b) {
      const auto ids = mention_ids(b * 10, b * 10 + 10);
      REQUIRE(status_of(store->confirm(ids, 30 * 24h)) == "ok");
    }
  }
  const auto log = dir / "dedup.log";
  const auto size = fs::file_size(log);
  fs::resize_file(log, size - 7);  // the last record half-written
  auto store = open_store(dir.path(), clock);
  const auto st = store->embedded_stats();
  CHECK(st.torn_bytes == 13);
  CHECK(st.replayed_records == 29);
  auto states = store->claim(mention_ids(0, 30), 5min).value();
  CHECK(std::count(states.begin(), states.begin() + 29, S::kDelivered) == 29);
  CHECK(states[29] == S::kNew);  // its record was torn: delivered again (same id), not lost
  REQUIRE(status_of(store->confirm(mention_ids(29, 30), 30 * 24h)) == "ok");
  store.reset();
  auto reopened = open_store(dir.path(), clock);
  CHECK(reopened->embedded_stats().torn_bytes == 0);
  CHECK(reopened->embedded_stats().live_keys == 30);
}

TEST_CASE("embedded dedup: a confirm that cannot be written changes nothing and can be retried",
          "[storage][embedded]") {
  TempDir dir;
  FakeWallClock clock;
  auto store = open_store(dir.path(), clock);
  const auto first = mention_ids(0, 10);
  REQUIRE(status_of(store->claim(first, 5min)) == "ok");
  REQUIRE(status_of(store->confirm(first, 30 * 24h)) == "ok");
  const auto size = fs::file_size(dir / "dedup.log");
  // A full disk, as RLIMIT_FSIZE in a child process (the limit must not leak into the runner).
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    // Soft limit only, so that it can be lifted again below.
    const rlimit limit{static_cast<rlim_t>(size + 30), RLIM_INFINITY};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(1);
    const auto second = mention_ids(10, 20);
    // Exit codes name the step that went wrong.
    if (!store->claim(second, 5min)) ::_exit(2);
    auto failed = store->confirm(second, 30 * 24h);
    if (failed || failed.error().code != make_error_code(Errc::kWriteFailed)) ::_exit(3);
    if (fs::file_size(dir / "dedup.log") != size) ::_exit(4);  // no partial record left behind
    // Still claimed (not delivered, not free): the caller retries confirm, nobody else delivers.
    auto states = store->claim(second, 5min);
    if (!states || std::count(states->begin(), states->end(), S::kClaimed) != 10) ::_exit(5);
    const rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
    if (::setrlimit(RLIMIT_FSIZE, &unlimited) != 0) ::_exit(7);
    if (!store->confirm(second, 30 * 24h)) ::_exit(6);  // the disk has room again
    auto done = store->claim(second, 5min);
    const bool ok = done && std::count(done->begin(), done->end(), S::kDelivered) == 10;
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("embedded dedup: the state dir lock refuses a second opener with a clear error",
          "[storage][embedded]") {
  TempDir dir;
  auto first = embedded::StateDirLock::acquire(dir.path().string());
  REQUIRE(status_of(first) == "ok");
  auto second = embedded::StateDirLock::acquire(dir.path().string());
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().code == make_error_code(Errc::kLocked));
  CHECK_THAT(
      second.error().message(),
      Contains("LOCK: held by another koubei process (pid " + std::to_string(::getpid()) + ")"));
  first->reset();  // released: the next one gets it
  CHECK(status_of(embedded::StateDirLock::acquire(dir.path().string())) == "ok");
}

TEST_CASE("embedded dedup: memory stays bounded by max_keys; the log is compacted",
          "[storage][embedded]") {
  TempDir dir;
  FakeWallClock clock;
  EmbeddedDedupOptions options;
  options.max_keys = 2000;
  options.compact_min_bytes = 16 << 10;
  options.fsync = false;  // 100 batches; durability is covered by the other tests
  auto store = open_store(dir.path(), clock, options);
  for (int b = 0; b < 100; ++b) {
    clock.advance(1000ms);  // later batches expire later: eviction takes the oldest
    REQUIRE(status_of(store->confirm(mention_ids(b * 100, b * 100 + 100), 30 * 24h)) == "ok");
  }
  const auto st = store->embedded_stats();
  CHECK(st.live_keys <= 2000);
  CHECK(st.evictions >= 8000);
  CHECK(st.memory_bytes <= 4096 * 12);
  CHECK(st.compactions >= 1);
  CHECK(st.log_bytes < 10000 * 20);  // not the 10 000 records ever written
  CHECK(fs::file_size(dir / "dedup.log") == st.log_bytes);
  auto newest = store->claim(mention_ids(9900, 10000), 5min).value();
  CHECK(std::count(newest.begin(), newest.end(), S::kDelivered) == 100);
  store.reset();
  auto reopened = open_store(dir.path(), clock, options);
  CHECK(reopened->embedded_stats().live_keys == st.live_keys);
}

}  // namespace
}  // namespace koubei::storage::testing
