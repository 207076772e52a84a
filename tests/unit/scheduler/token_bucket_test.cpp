#include "scheduler/core/token_bucket.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using koubei::config::Rate;
using koubei::scheduler::TimePoint;
using koubei::scheduler::TokenBucket;

TEST_CASE("token bucket lets a burst through, then paces at the rate", "[scheduler][bucket]") {
  TimePoint t0{};
  TokenBucket bucket(Rate{2, 1s}, 3, t0);
  CHECK(bucket.try_take(t0));
  CHECK(bucket.try_take(t0));
  CHECK(bucket.try_take(t0));
  CHECK_FALSE(bucket.try_take(t0));
  CHECK(bucket.wait_time(t0) == 500ms);
  CHECK_FALSE(bucket.try_take(t0 + 499ms));
  CHECK(bucket.try_take(t0 + 500ms));
  CHECK_FALSE(bucket.try_take(t0 + 500ms));
}

TEST_CASE("token bucket never exceeds rate × t + burst over a window", "[scheduler][bucket]") {
  TimePoint t0{};
  TokenBucket bucket(Rate{1, 10s}, 2, t0);
  int taken = 0;
  for (auto t = t0; t < t0 + 100s; t += 100ms) taken += bucket.try_take(t) ? 1 : 0;
  // By 99.9 s, 0.1/s has earned 9.99 tokens: 9 whole ones, plus the initial burst of 2.
  CHECK(taken == 11);
}

TEST_CASE("token bucket stays empty while blocked and refills from empty after", "[scheduler][bucket]") {
  TimePoint t0{};
  TokenBucket bucket(Rate{1, 1s}, 5, t0);
  bucket.block_until(t0 + 30s);
  CHECK(bucket.wait_time(t0 + 10s) == 21s);
  CHECK_FALSE(bucket.try_take(t0 + 29s));
  CHECK(bucket.tokens(t0 + 31s) == Approx(1.0));
  CHECK(bucket.try_take(t0 + 31s));
  CHECK_FALSE(bucket.try_take(t0 + 31s));
}

TEST_CASE("token bucket ignores time going backwards", "[scheduler][bucket]") {
  TimePoint t0 = TimePoint{} + 100s;
  TokenBucket bucket(Rate{1, 1s}, 1, t0);
  CHECK(bucket.try_take(t0));
  CHECK_FALSE(bucket.try_take(t0 - 50s));
  CHECK(bucket.try_take(t0 + 1s));
}

TEST_CASE("token bucket reconfigure keeps saved tokens up to the new burst", "[scheduler][bucket]") {
  TimePoint t0{};
  TokenBucket bucket(Rate{1, 1s}, 10, t0);
  bucket.reconfigure(Rate{1, 1s}, 2, t0);
  CHECK(bucket.try_take(t0));
  CHECK(bucket.try_take(t0));
  CHECK_FALSE(bucket.try_take(t0));
}
