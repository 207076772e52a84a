#include "scheduler/run/run_totals.hpp"

#include <cmath>

namespace koubei::scheduler {

namespace {
// Bucket i holds latencies in [g^(i-1), g^i) seconds, g = 1.2; bucket 0 holds < 1 s.
constexpr double kGrowth = 1.2;

std::size_t bucket_of(double seconds, std::size_t buckets) {
  if (!(seconds >= 1.0)) return 0;
  const auto i = static_cast<std::size_t>(std::floor(std::log(seconds) / std::log(kGrowth))) + 1;
  return std::min(i, buckets - 1);
}
}  // namespace

void RunTotals::on_request(config::PlatformId p, std::string_view type, int status, Outcome o,
                           double seconds) {
  ++requests;
  if (is_block(o)) ++blocked;
  if (o == Outcome::kTransient || o == Outcome::kUnrecognized) ++failed_requests;
  if (next_) next_->on_request(p, type, status, o, seconds);
}

void RunTotals::on_page(config::PlatformId p, std::size_t f, std::size_t d) {
  ++pages;
  fresh += f;
  duplicates += d;
  if (next_) next_->on_page(p, f, d);
}

void RunTotals::on_mention_latency(config::PlatformId p, double seconds) {
  {
    std::lock_guard lock(mutex_);
    ++latency_[bucket_of(seconds, kBuckets)];
    ++latency_count_;
  }
  if (next_) next_->on_mention_latency(p, seconds);
}

void RunTotals::on_skipped(config::PlatformId p, std::size_t items) {
  skipped += items;
  if (next_) next_->on_skipped(p, items);
}

void RunTotals::on_walk_done(config::PlatformId p, bool complete) {
  ++walks;
  if (!complete) ++failed_walks;
  if (next_) next_->on_walk_done(p, complete);
}

void RunTotals::on_delivery_error() {
  ++delivery_errors;
  if (next_) next_->on_delivery_error();
}

void RunTotals::on_alert() {
  ++alerts;
  if (next_) next_->on_alert();
}

std::optional<double> RunTotals::latency_quantile(double q) const {
  std::lock_guard lock(mutex_);
  if (latency_count_ == 0) return std::nullopt;
  const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(latency_count_)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += latency_[i];
    if (seen >= std::max<std::uint64_t>(rank, 1)) {
      return i == 0 ? 1.0 : std::pow(kGrowth, static_cast<double>(i));  // the bucket's upper edge
    }
  }
  return std::pow(kGrowth, static_cast<double>(kBuckets - 1));
}

}  // namespace koubei::scheduler
