#pragma once
// Time as the sans-IO scheduler core sees it: plain values handed in by the driver, never read from
// a clock here, so that every decision is a pure function of its inputs and tests use fake times
// (`TimePoint{} + 90s`).

#include "config/units.hpp"

#include <chrono>
#include <cmath>

namespace koubei::scheduler {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using config::Duration;

/// Seconds as a double, for rate arithmetic.
inline double to_seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

/// A (non-negative) number of seconds as a Duration, rounded up so a wait is never too short.
inline Duration from_seconds(double s) {
  if (!(s > 0)) return Duration::zero();
  return Duration{static_cast<Duration::rep>(std::ceil(s * 1000.0))};
}

}  // namespace koubei::scheduler
