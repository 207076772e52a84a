#pragma once
// RunTotals: the counts a run reports at its end and in backfill progress lines, kept by the
// runtime itself (an observer in front of the caller's). Strand only, except snapshot() and the
// atomic counters, which any thread may read.

#include "scheduler/run/run_observer.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>

namespace koubei::scheduler {

class RunTotals final : public RunObserver {
 public:
  explicit RunTotals(RunObserver* next) : next_(next) {}

  void on_request(config::PlatformId p, std::string_view type, int status, Outcome o,
                  double seconds) override;
  void on_page(config::PlatformId p, std::size_t fresh, std::size_t duplicates) override;
  void on_mention_latency(config::PlatformId p, double seconds) override;
  void on_skipped(config::PlatformId p, std::size_t items) override;
  void on_walk_done(config::PlatformId p, bool complete) override;
  void on_delivery_error() override;
  void on_alert() override;

  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> blocked{0};
  std::atomic<std::uint64_t> failed_requests{0};
  std::atomic<std::uint64_t> pages{0};
  std::atomic<std::uint64_t> fresh{0};
  std::atomic<std::uint64_t> duplicates{0};
  std::atomic<std::uint64_t> skipped{0};
  std::atomic<std::uint64_t> walks{0};
  std::atomic<std::uint64_t> failed_walks{0};
  std::atomic<std::uint64_t> delivery_errors{0};
  std::atomic<std::uint64_t> alerts{0};

  /// Mention latency (emitted − created) quantile, seconds, from a log-scale histogram
  /// (buckets 1 s … ~12 days, ±10 %); nullopt before the first mention.
  std::optional<double> latency_quantile(double q) const;

 private:
  static constexpr std::size_t kBuckets = 128;
  RunObserver* next_;
  mutable std::mutex mutex_;
  std::array<std::uint64_t, kBuckets> latency_{};
  std::uint64_t latency_count_ = 0;
};

}  // namespace koubei::scheduler
