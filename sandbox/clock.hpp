#pragma once
// World time: epoch + (wall − start) × rate. A rate of 0 freezes the world at its epoch (tests);
// a rate of 60 runs an hour of platform activity per minute.
//
// Thread safety: immutable after construction; now() is safe from any thread.

#include <chrono>
#include <cstdint>

namespace koubei::sandbox {

class WorldClock {
 public:
  WorldClock(std::int64_t epoch_ms, double rate)
      : epoch_ms_(epoch_ms), rate_(rate), start_(std::chrono::steady_clock::now()) {}

  std::int64_t now() const {
    if (rate_ == 0) return epoch_ms_;
    const auto wall = std::chrono::steady_clock::now() - start_;
    const double ms = std::chrono::duration<double, std::milli>(wall).count() * rate_;
    return epoch_ms_ + static_cast<std::int64_t>(ms);
  }
  /// Milliseconds of wall time since start (token buckets run on wall time, not world time).
  std::int64_t wall_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start_)
        .count();
  }
  std::int64_t epoch() const { return epoch_ms_; }
  double rate() const { return rate_; }

 private:
  std::int64_t epoch_ms_;
  double rate_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace koubei::sandbox
