#include "storage/redis/reconnect_policy.hpp"

#include <algorithm>
#include <cmath>

namespace koubei::storage::redis {

ReconnectPolicy::ReconnectPolicy(BackoffOptions options, std::uint64_t seed)
    : options_(options), rng_state_(seed) {
  options_.jitter = std::clamp(options_.jitter, 0.0, 1.0);
  options_.multiplier = std::max(options_.multiplier, 1.0);
}

double ReconnectPolicy::next_unit() {
  // splitmix64: tiny, seedable, good enough to spread reconnects apart.
  std::uint64_t z = (rng_state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

std::chrono::milliseconds ReconnectPolicy::on_failure(Clock::time_point now) {
  ++failures_;
  const double base = static_cast<double>(options_.initial.count()) *
                      std::pow(options_.multiplier, static_cast<double>(failures_ - 1));
  const double capped = std::min(base, static_cast<double>(options_.max.count()));
  const double scaled = capped * (1.0 - options_.jitter * next_unit());
  const std::chrono::milliseconds delay{static_cast<std::int64_t>(std::llround(scaled))};
  next_attempt_ = now + delay;
  return delay;
}

}  // namespace koubei::storage::redis
