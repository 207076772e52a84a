// Histogram, its snapshot and the quantile estimate (declared in metrics.hpp).
#include "crawler/admin/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace koubei::admin {
namespace {

void check_bounds(const std::vector<double>& bounds) {
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i])) {
      throw std::invalid_argument("histogram bucket bound " + std::to_string(i) +
                                  " is not finite (+Inf is implicit)");
    }
    if (i > 0 && !(bounds[i - 1] < bounds[i])) {
      throw std::invalid_argument("histogram bucket bounds are not strictly increasing at " +
                                  std::to_string(i));
    }
  }
}

}  // namespace

HistogramSnapshot& HistogramSnapshot::operator+=(const HistogramSnapshot& other) {
  if (other.cumulative.empty()) return *this;
  if (cumulative.empty()) return *this = other;
  if (bounds != other.bounds) {
    throw std::invalid_argument("adding histogram snapshots with different bucket bounds");
  }
  for (std::size_t i = 0; i < other.cumulative.size(); ++i)
    cumulative[i] += other.cumulative[i];
  sum += other.sum;
  return *this;
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  check_bounds(bounds_);
}

void Histogram::observe(double value) noexcept {
  if (std::isnan(value)) return;
  // The first bound >= value is the bucket `le` that holds it; past the end is +Inf.
  const auto at = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  counts_[static_cast<std::size_t>(at)].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const {
  HistogramSnapshot s;
  s.bounds = bounds_;
  s.cumulative.resize(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    s.cumulative[i] = running;
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> exponential_buckets(double start, double factor, std::size_t count) {
  if (!(start > 0) || !(factor > 1)) {
    throw std::invalid_argument("exponential_buckets needs start > 0 and factor > 1");
  }
  std::vector<double> bounds;
  bounds.reserve(count);
  for (double b = start; bounds.size() < count; b *= factor)
    bounds.push_back(b);
  return bounds;
}

double quantile(const HistogramSnapshot& s, double q) {
  const std::uint64_t total = s.count();
  if (total == 0 || !(q >= 0 && q <= 1) || s.cumulative.size() != s.bounds.size() + 1) {
    return std::nan("");
  }
  const double rank = q * static_cast<double>(total);
  std::size_t b = 0;  // the first bucket whose cumulative count reaches the rank
  while (b < s.bounds.size() && static_cast<double>(s.cumulative[b]) < rank)
    ++b;
  if (b == s.bounds.size()) return s.bounds.empty() ? std::nan("") : s.bounds.back();
  const double upper = s.bounds[b];
  const double lower = b > 0 ? s.bounds[b - 1] : std::min(0.0, upper);
  const double below = b > 0 ? static_cast<double>(s.cumulative[b - 1]) : 0.0;
  const double in_bucket = static_cast<double>(s.cumulative[b]) - below;
  if (in_bucket <= 0) return upper;
  return lower + (upper - lower) * (rank - below) / in_bucket;
}

double quantile(const Histogram& histogram, double q) {
  return quantile(histogram.snapshot(), q);
}

}  // namespace koubei::admin
