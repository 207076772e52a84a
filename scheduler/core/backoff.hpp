#pragma once
// Retry delays for transient failures (timeouts, 5xx, resets): exponential backoff with full
// jitter ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015): attempt n waits a uniform
// random time in [0, min(cap, base·2ⁿ)], which spreads retries of many jobs instead of
// synchronising them.
//
// Contract: sans-IO and deterministic: the caller passes the uniform random number, so tests pin it.
// retry_delay() returns nullopt once `max_retries` attempts were made: the failure is final and is
// reported, never retried forever.

#include "config/units.hpp"

#include <cstdint>
#include <optional>

namespace koubei::scheduler {

struct BackoffPolicy {
  config::Duration base{500};          ///< first retry's upper bound
  config::Duration cap{60'000};        ///< no single wait above this
  std::uint32_t max_retries = 5;       ///< attempts after the first; 0 = never retry
};

/// The wait before retry number `attempt` (0 = the first retry), or nullopt when retries are used
/// up. `unit_random` is uniform in [0, 1).
std::optional<config::Duration> retry_delay(const BackoffPolicy& policy, std::uint32_t attempt,
                                            double unit_random);

/// The ceiling that retry_delay() draws below, without jitter: min(cap, base·2^attempt).
config::Duration backoff_ceiling(const BackoffPolicy& policy, std::uint32_t attempt);

}  // namespace koubei::scheduler
