#include "storage/embedded/embedded_dedup_store.hpp"
#include "tests/unit/storage/embedded_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage::testing {
namespace {

using namespace std::chrono_literals;

/// Runs the writer on `dir` until it reported `batches` confirmed batches, then SIGKILLs it.
/// Returns the highest batch it reported.
long run_and_kill(const fs::path& dir, long batches) {
  int out[2];
  REQUIRE(::pipe(out) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    ::execl(KOUBEI_DEDUP_WRITER, KOUBEI_DEDUP_WRITER, dir.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string text;
  long last = -1;
  const auto deadline = std::chrono::steady_clock::now() + 120s;  // generous on a loaded machine
  while (last < batches && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 1000) <= 0) continue;
    char buf[4096];
    const ssize_t n = ::read(out[0], buf, sizeof(buf));
    if (n <= 0) break;  // the writer died on its own: the checks below will say so
    text.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = text.find('\n')) != std::string::npos) {
      last = std::stol(text.substr(10, nl - 10));
      text.erase(0, nl + 1);
    }
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(out[0]);
  CHECK(WIFSIGNALED(status));  // killed by us, not exited with an error
  return last;
}

TEST_CASE("embedded dedup: kill -9 while confirming, then reopen: every confirmed id remembered",
          "[.integration][storage][embedded]") {
  TempDir dir;
  long total = 0;
  // Three kills at different moments on the same directory, then the check.
  for (long stop_after : {15L, 40L, 70L}) {
    const long last = run_and_kill(dir.path(), stop_after);
    REQUIRE(last >= stop_after);
    total = last;
    // The store opens (consistent) and the lock was released by the kernel at the kill.
    auto lock = embedded::StateDirLock::acquire(dir.path().string());
    REQUIRE(status_of(lock) == "ok");
    auto store = embedded::EmbeddedDedupStore::open(*lock);
    REQUIRE(status_of(store) == "ok");
    for (long b = 0; b <= last; ++b) {
      std::vector<std::string> ids;
      for (int i = 0; i < 100; ++i)
        ids.push_back("kill:" + std::to_string(b) + ":" + std::to_string(i));
      auto states = (*store)->claim(ids, 5min);
      REQUIRE(status_of(states) == "ok");
      INFO("batch " << b << " of " << last);
      REQUIRE(std::count(states->begin(), states->end(), ClaimState::kDelivered) == 100);
    }
    // Release what the checks claimed, as a restarted daemon would by exiting.
  }
  CHECK(total >= 70);
}

}  // namespace
}  // namespace koubei::storage::testing
