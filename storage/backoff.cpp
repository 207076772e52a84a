#include "storage/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace koubei::storage {
namespace {

std::uint64_t random_seed() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

}  // namespace

Backoff::Backoff(BackoffOptions options, std::uint64_t seed)
    : options_(options), rng_state_(seed != 0 ? seed : random_seed()) {
  options_.jitter = std::clamp(options_.jitter, 0.0, 1.0);
  options_.multiplier = std::max(options_.multiplier, 1.0);
}

double Backoff::next_unit() {
  // splitmix64: tiny, seedable, good enough to spread retries apart.
  std::uint64_t z = (rng_state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

std::chrono::milliseconds Backoff::failed(Clock::time_point now) {
  ++failures_;
  const double base = static_cast<double>(options_.initial.count()) *
                      std::pow(options_.multiplier, static_cast<double>(failures_ - 1));
  const double capped = std::min(base, static_cast<double>(options_.max.count()));
  const double scaled = capped * (1.0 - options_.jitter * next_unit());
  const std::chrono::milliseconds delay{static_cast<std::int64_t>(std::llround(scaled))};
  next_attempt_ = now + delay;
  return delay;
}

}  // namespace koubei::storage
