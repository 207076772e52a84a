#include "scheduler/core/token_bucket.hpp"

#include <algorithm>

namespace koubei::scheduler {

TokenBucket::TokenBucket(config::Rate rate, std::uint32_t burst, TimePoint now)
    : per_second_(rate.per_second()),
      burst_(static_cast<double>(std::max<std::uint32_t>(burst, 1))),
      tokens_(burst_),
      last_(now) {}

void TokenBucket::refill(TimePoint now) {
  if (now <= last_) return;
  // While blocked, nothing accrues; afterwards the bucket fills from empty, so a Retry-After is
  // not followed by a burst that would earn the next one.
  TimePoint from = std::max(last_, blocked_until_);
  if (now > from) tokens_ = std::min(burst_, tokens_ + to_seconds(now - from) * per_second_);
  last_ = now;
}

bool TokenBucket::try_take(TimePoint now) {
  refill(now);
  if (now < blocked_until_ || tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

Duration TokenBucket::wait_time(TimePoint now) {
  refill(now);
  TimePoint base = std::max(now, last_);
  if (base < blocked_until_) {
    // Empty when the block ends: one token's worth of time after it.
    return std::chrono::duration_cast<Duration>(blocked_until_ - base) + from_seconds(1.0 / per_second_);
  }
  if (tokens_ >= 1.0) return Duration::zero();
  return from_seconds((1.0 - tokens_) / per_second_);
}

void TokenBucket::block_until(TimePoint until) {
  if (until > blocked_until_) {
    blocked_until_ = until;
    tokens_ = 0;
  }
}

void TokenBucket::reconfigure(config::Rate rate, std::uint32_t burst, TimePoint now) {
  refill(now);
  per_second_ = rate.per_second();
  burst_ = static_cast<double>(std::max<std::uint32_t>(burst, 1));
  tokens_ = std::min(tokens_, burst_);
}

double TokenBucket::tokens(TimePoint now) {
  refill(now);
  return now < blocked_until_ ? 0.0 : tokens_;
}

}  // namespace koubei::scheduler
