#include "scheduler/core/backoff.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using koubei::scheduler::backoff_ceiling;
using koubei::scheduler::BackoffPolicy;
using koubei::scheduler::retry_delay;

TEST_CASE("backoff ceiling doubles per attempt up to the cap", "[scheduler][backoff]") {
  BackoffPolicy p{500ms, 10s, 10};
  CHECK(backoff_ceiling(p, 0) == 500ms);
  CHECK(backoff_ceiling(p, 1) == 1s);
  CHECK(backoff_ceiling(p, 4) == 8s);
  CHECK(backoff_ceiling(p, 5) == 10s);
  CHECK(backoff_ceiling(p, 1000) == 10s);
}

TEST_CASE("retry delay is full jitter below the ceiling", "[scheduler][backoff]") {
  BackoffPolicy p{1s, 60s, 3};
  CHECK(retry_delay(p, 0, 0.0) == 0ms);
  CHECK(retry_delay(p, 0, 0.5) == 500ms);
  CHECK(retry_delay(p, 2, 0.999) == 3996ms);
  CHECK(retry_delay(p, 2, 7.0) == 4s);  // out-of-range randomness is clamped
}

TEST_CASE("retries end after max_retries", "[scheduler][backoff]") {
  BackoffPolicy p{1s, 60s, 2};
  CHECK(retry_delay(p, 1, 0.5).has_value());
  CHECK_FALSE(retry_delay(p, 2, 0.5).has_value());
  CHECK_FALSE(retry_delay(BackoffPolicy{1s, 60s, 0}, 0, 0.5).has_value());
}
