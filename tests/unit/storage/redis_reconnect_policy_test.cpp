#include "storage/redis/reconnect_policy.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>

namespace koubei::storage::redis {
namespace {

using namespace std::chrono_literals;
using Clock = ReconnectPolicy::Clock;

TEST_CASE("reconnect policy: delays double up to the cap, within the jitter band",
          "[storage][redis]") {
  const BackoffOptions options{100ms, 2000ms, 2.0, 0.5};
  ReconnectPolicy policy(options, 42);
  Clock::time_point now{};  // fake clock: only what the test passes in
  CHECK(policy.may_attempt(now));
  const std::chrono::milliseconds ceilings[] = {
      100ms, 200ms, 400ms, 800ms, 1600ms, 2000ms, 2000ms, 2000ms};
  for (auto ceiling : ceilings) {
    const auto delay = policy.on_failure(now);
    INFO("failure " << policy.consecutive_failures());
    CHECK(delay <= ceiling);
    CHECK(delay >= ceiling / 2);
    CHECK_FALSE(policy.may_attempt(now));
    CHECK_FALSE(policy.may_attempt(now + delay - 1ms));
    CHECK(policy.may_attempt(now + delay));
    now += delay;
  }
}

TEST_CASE("reconnect policy: success resets, jitter differs between seeds", "[storage][redis]") {
  const BackoffOptions options{1000ms, 60000ms, 2.0, 0.5};
  ReconnectPolicy a(options, 1);
  Clock::time_point now{};
  a.on_failure(now);
  a.on_failure(now);
  a.on_failure(now);
  CHECK(a.consecutive_failures() == 3);
  a.on_success();
  CHECK(a.consecutive_failures() == 0);
  CHECK(a.may_attempt(now));
  CHECK(a.on_failure(now) <= 1000ms);

  std::set<std::int64_t> firsts;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    ReconnectPolicy p(options, seed);
    firsts.insert(p.on_failure(now).count());
  }
  CHECK(firsts.size() > 10);  // twenty processes do not retry in lock step
}

TEST_CASE("reconnect policy: zero jitter is exact and the same seed repeats", "[storage][redis]") {
  ReconnectPolicy exact({50ms, 1000ms, 3.0, 0.0}, 7);
  Clock::time_point now{};
  CHECK(exact.on_failure(now) == 50ms);
  CHECK(exact.on_failure(now) == 150ms);
  CHECK(exact.on_failure(now) == 450ms);
  CHECK(exact.on_failure(now) == 1000ms);

  ReconnectPolicy x({100ms, 10000ms, 2.0, 1.0}, 99);
  ReconnectPolicy y({100ms, 10000ms, 2.0, 1.0}, 99);
  for (int i = 0; i < 10; ++i)
    CHECK(x.on_failure(now) == y.on_failure(now));
}

}  // namespace
}  // namespace koubei::storage::redis
