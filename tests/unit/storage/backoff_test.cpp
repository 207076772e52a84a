#include "storage/backoff.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using Clock = Backoff::Clock;

TEST_CASE("backoff: delays double up to the cap, within the jitter band", "[storage]") {
  const BackoffOptions options{100ms, 2000ms, 2.0, 0.5};
  Backoff policy(options, 42);
  Clock::time_point now{};  // fake clock: only what the test passes in
  CHECK(policy.ready(now));
  const std::chrono::milliseconds ceilings[] = {
      100ms, 200ms, 400ms, 800ms, 1600ms, 2000ms, 2000ms, 2000ms};
  for (auto ceiling : ceilings) {
    const auto delay = policy.failed(now);
    INFO("failure " << policy.failures());
    CHECK(delay <= ceiling);
    CHECK(delay >= ceiling / 2);
    CHECK_FALSE(policy.ready(now));
    CHECK_FALSE(policy.ready(now + delay - 1ms));
    CHECK(policy.ready(now + delay));
    now += delay;
  }
}

TEST_CASE("backoff: success resets, jitter differs between seeds", "[storage]") {
  const BackoffOptions options{1000ms, 60000ms, 2.0, 0.5};
  Backoff a(options, 1);
  Clock::time_point now{};
  a.failed(now);
  a.failed(now);
  a.failed(now);
  CHECK(a.failures() == 3);
  a.succeeded();
  CHECK(a.failures() == 0);
  CHECK(a.ready(now));
  CHECK(a.failed(now) <= 1000ms);

  std::set<std::int64_t> firsts;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Backoff p(options, seed);
    firsts.insert(p.failed(now).count());
  }
  CHECK(firsts.size() > 10);  // twenty processes do not retry in lock step
}

TEST_CASE("backoff: zero jitter is exact and the same seed repeats", "[storage]") {
  Backoff exact({50ms, 1000ms, 3.0, 0.0}, 7);
  Clock::time_point now{};
  CHECK(exact.failed(now) == 50ms);
  CHECK(exact.failed(now) == 150ms);
  CHECK(exact.failed(now) == 450ms);
  CHECK(exact.failed(now) == 1000ms);

  Backoff x({100ms, 10000ms, 2.0, 1.0}, 99);
  Backoff y({100ms, 10000ms, 2.0, 1.0}, 99);
  for (int i = 0; i < 10; ++i)
    CHECK(x.failed(now) == y.failed(now));
}

TEST_CASE("backoff of a failed sink: retry times on the pipeline's clock", "[storage][pipeline]") {
  Backoff backoff({1000ms, 5000ms, 2.0, 0.0}, 1);
  const Clock::time_point t0{};
  CHECK(backoff.ready(t0));
  CHECK(backoff.failed(t0) == 1s);
  CHECK_FALSE(backoff.ready(t0 + 999ms));
  CHECK(backoff.ready(t0 + 1s));
  CHECK(backoff.failed(t0 + 1s) == 2s);
  CHECK(backoff.next_attempt() == t0 + 3s);
  CHECK(backoff.failed(t0 + 3s) == 4s);
  CHECK(backoff.failed(t0 + 7s) == 5s);  // capped
  CHECK(backoff.failures() == 4);
  backoff.succeeded();
  CHECK(backoff.failures() == 0);
  CHECK(backoff.ready(t0));
  CHECK(backoff.failed(t0 + 20s) == 1s);  // back to the initial delay
}

}  // namespace
}  // namespace koubei::storage
