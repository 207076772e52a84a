#pragma once
// TokenBucket: the politeness budget of one platform or one account: `rate` requests on average,
// at most `burst` back to back. A Retry-After (or an anti-bot cool-down) empties the bucket until a
// given time.
//
// Contract
// - Sans-IO: every call takes `now`; times must not go backwards between calls (a smaller `now` is
//   treated as the last one seen).
// - The bucket starts full. try_take() never lets more than `burst` requests through in an instant,
//   nor more than rate × t + burst over any window of length t.
// - Thread safety: none; it lives on the scheduler strand.

#include "config/units.hpp"
#include "scheduler/core/clock.hpp"

#include <cstdint>

namespace koubei::scheduler {

class TokenBucket {
 public:
  /// REQUIRES: rate.count > 0, rate.period > 0, burst >= 1.
  TokenBucket(config::Rate rate, std::uint32_t burst, TimePoint now);

  /// Takes one token if one is available at `now`.
  bool try_take(TimePoint now);

  /// How long from `now` until try_take() would succeed; zero when it would now.
  Duration wait_time(TimePoint now);

  /// No token before `until` (Retry-After, cool-down); the bucket refills from empty after it.
  void block_until(TimePoint until);

  /// New rate and burst (configuration reload); tokens already saved are kept, capped at burst.
  void reconfigure(config::Rate rate, std::uint32_t burst, TimePoint now);

  TimePoint blocked_until() const { return blocked_until_; }
  double tokens(TimePoint now);

 private:
  void refill(TimePoint now);

  double per_second_;
  double burst_;
  double tokens_;
  TimePoint last_;
  TimePoint blocked_until_{};
};

}  // namespace koubei::scheduler
