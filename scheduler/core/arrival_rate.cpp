#include "scheduler/core/arrival_rate.hpp"

#include <algorithm>
#include <cmath>

namespace koubei::scheduler {

ArrivalRate::ArrivalRate(double tau_seconds, double prior, double prior_seconds)
    : tau_(std::max(tau_seconds, 1.0)),
      prior_(std::max(prior, 0.0)),
      prior_seconds_(std::max(prior_seconds, 0.0)) {}

void ArrivalRate::observe(std::int64_t now_ms, std::span<const std::int64_t> created_ms) {
  if (!seen_) {
    // The first poll reads back into the past: the watched time starts at its oldest item.
    seen_ = true;
    at_ms_ = now_ms;
    since_ms_ = now_ms;
    for (std::int64_t t : created_ms) since_ms_ = std::min(since_ms_, t);
  }
  if (now_ms > at_ms_) {
    sum_ *= std::exp(-static_cast<double>(now_ms - at_ms_) / 1000.0 / tau_);
    at_ms_ = now_ms;
  }
  for (std::int64_t t : created_ms) {
    double age = static_cast<double>(std::max<std::int64_t>(at_ms_ - t, 0)) / 1000.0;
    sum_ += std::exp(-age / tau_);
  }
}

double ArrivalRate::per_second(std::int64_t now_ms) const {
  if (!seen_) return prior_;
  std::int64_t at = std::max(now_ms, at_ms_);
  double n = sum_ * std::exp(-static_cast<double>(at - at_ms_) / 1000.0 / tau_);
  double watched = static_cast<double>(at - since_ms_) / 1000.0;
  double fade = std::exp(-watched / tau_);
  double t = tau_ * (1.0 - fade);
  double k = prior_seconds_ * fade;
  if (t + k <= 0) return prior_;
  return (n + prior_ * k) / (t + k);
}

}  // namespace koubei::scheduler
