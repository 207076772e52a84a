#pragma once
// Backoff: when to try a failed server or sink again; one policy for the Redis connection and the
// delivery pipeline's sinks. Sans-IO (STYLE.md "Sans-IO core"): the caller passes the time in and
// asks; nothing here sleeps, connects or reads a clock, so the tests drive it with a fake clock.
//
// Exponential backoff with jitter: after the n-th consecutive failure the next attempt is allowed
// at failure_time + d, d = min(max, initial * multiplier^(n-1)) scaled by a factor drawn uniformly
// from [1 - jitter, 1] ("equal jitter" when jitter = 0.5), so that several koubei processes that
// lost the same server do not come back in lock step. A success resets the sequence.
//
// Thread safety: none; owned by one connection or one pipeline lane.

#include <chrono>
#include <cstdint>

namespace koubei::storage {

struct BackoffOptions {
  std::chrono::milliseconds initial{100};
  std::chrono::milliseconds max{30'000};
  double multiplier = 2.0;
  double jitter = 0.5;  ///< fraction of the delay that is random, in [0, 1]
};

class Backoff {
 public:
  using Clock = std::chrono::steady_clock;

  /// `seed` makes the jitter reproducible in tests; 0 draws a random one.
  Backoff(BackoffOptions options, std::uint64_t seed);

  /// True when an attempt is allowed at `now` (always, before the first failure).
  bool ready(Clock::time_point now) const { return failures_ == 0 || now >= next_attempt_; }

  /// Records a failed attempt (or a lost connection) at `now`; returns the delay chosen.
  std::chrono::milliseconds failed(Clock::time_point now);

  /// Records a success: the next failure starts again at `initial`.
  void succeeded() { failures_ = 0; }

  /// Consecutive failures since the last success (0: healthy).
  std::uint32_t failures() const { return failures_; }

  Clock::time_point next_attempt() const { return next_attempt_; }

 private:
  double next_unit();  // uniform in [0, 1)

  BackoffOptions options_;
  std::uint64_t rng_state_;
  std::uint32_t failures_ = 0;
  Clock::time_point next_attempt_{};
};

}  // namespace koubei::storage
