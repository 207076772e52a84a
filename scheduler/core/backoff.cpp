#include "scheduler/core/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace koubei::scheduler {

config::Duration backoff_ceiling(const BackoffPolicy& policy, std::uint32_t attempt) {
  // 2^attempt in floating point, so a large attempt saturates at the cap instead of overflowing.
  double ceiling = static_cast<double>(policy.base.count()) * std::exp2(std::min(attempt, 62u));
  double cap = static_cast<double>(policy.cap.count());
  return config::Duration{static_cast<config::Duration::rep>(std::min(ceiling, cap))};
}

std::optional<config::Duration> retry_delay(const BackoffPolicy& policy, std::uint32_t attempt,
                                            double unit_random) {
  if (attempt >= policy.max_retries) return std::nullopt;
  double r = std::clamp(unit_random, 0.0, 1.0);
  auto ceiling = backoff_ceiling(policy, attempt);
  return config::Duration{
      static_cast<config::Duration::rep>(std::floor(static_cast<double>(ceiling.count()) * r))};
}

}  // namespace koubei::scheduler
