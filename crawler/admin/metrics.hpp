#pragma once
// A small metrics registry for /metrics: counters, gauges and histograms, each a family (one
// name, one HELP, one TYPE) of series told apart by their labels, rendered in the Prometheus text
// exposition format 0.0.4 (exposition.hpp).
//
//   admin::Registry reg;
//   admin::Counter& sent = reg.counter("koubei_requests_total", "Requests sent",
//                                      {{"platform", "weibo"}, {"status", "200"}});
//   sent.inc();                                       // hot path: one relaxed atomic add
//   reg.gauge_fn("koubei_queue_depth", "Items waiting", {{"queue", "parse"}},
//                [&q] { return double(q.size()); });  // read at scrape time
//   admin::Histogram& h = reg.histogram("koubei_fetch_seconds", "Fetch time", {0.01, 0.1, 1});
//   h.observe(0.12);
//   std::string text = reg.render();
//   double p95 = admin::quantile(h, 0.95);
//
// Thread safety: every member of every class here may be called from any thread. Registration
// takes a mutex and returns a reference that stays valid for the registry's lifetime; the same
// name and labels (in any order) return the same object, so call sites may register lazily.
// Counter/Gauge/Histogram updates take no lock (atomics). render() takes the mutex only to copy
// the list of series, then formats and calls the callbacks without it.
// Errors: a bad metric or label name, a duplicate label, a name registered again with another
// type, HELP or bucket layout, a name that collides with a histogram's h_bucket/h_sum/h_count, or
// bucket bounds that are not finite and strictly increasing are programming errors: registration
// throws std::invalid_argument (start-up only).
// Series are never removed; labels must come from a bounded set (platforms, statuses, accounts),
// never from data (ids, URLs, keywords typed by users), or the registry grows without limit.
// Secrets: labels and HELP are published verbatim; never put a cookie, token or password there.

#include "crawler/admin/exposition.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::admin {

/// A monotonically increasing count (requests sent, mentions emitted).
class Counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }

  std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

/// A value that goes up and down (queue depth, accounts healthy).
class Gauge {
 public:
  void set(double v) noexcept { value_.store(v, std::memory_order_relaxed); }

  void add(double d) noexcept { value_.fetch_add(d, std::memory_order_relaxed); }

  void inc() noexcept { add(1); }

  void dec() noexcept { add(-1); }

  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

/// A consistent-enough copy of a histogram: bucket counts are read one by one, so a snapshot
/// taken during observations may be off by the observations in flight, never by more.
struct HistogramSnapshot {
  std::vector<double> bounds;             ///< finite upper bounds, strictly increasing
  std::vector<std::uint64_t> cumulative;  ///< bounds.size() + 1 counts; the last is +Inf (= count)
  double sum = 0;

  std::uint64_t count() const { return cumulative.empty() ? 0 : cumulative.back(); }

  /// Adds `other` (e.g. the same histogram of another platform). Throws std::invalid_argument
  /// when the bounds differ.
  /// Default-constructed snapshots are neutral (a sum starts from {}).
  HistogramSnapshot& operator+=(const HistogramSnapshot& other);
};

/// Observations counted into buckets `value <= bound` (Prometheus `le`), plus their sum.
class Histogram {
 public:
  /// Throws std::invalid_argument unless `bounds` are finite and strictly increasing (+Inf is
  /// implicit; an empty list leaves only +Inf).
  explicit Histogram(std::vector<double> bounds);

  /// NaN is ignored: it belongs to no bucket and would turn _sum into NaN forever.
  void observe(double value) noexcept;
  HistogramSnapshot snapshot() const;

  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // per bucket, not cumulative; last +Inf
  std::atomic<double> sum_{0};
};

/// `count` bounds start, start·factor, start·factor², … REQUIRES start > 0, factor > 1.
std::vector<double> exponential_buckets(double start, double factor, std::size_t count);

/// Estimates the q-quantile (0 ≤ q ≤ 1) the way PromQL's histogram_quantile does: find the
/// bucket holding rank q·count and interpolate linearly inside it (the first bucket starts at 0,
/// or at its bound when that is negative). A rank in the +Inf bucket answers the highest finite
/// bound (a lower bound of the truth). NaN when there are no observations or q is out of range.
double quantile(const HistogramSnapshot& snapshot, double q);
double quantile(const Histogram& histogram, double q);

enum class MetricType { kCounter, kGauge, kHistogram };

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Counter& counter(std::string_view name, std::string_view help, Labels labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, Labels labels = {});
  /// Every series of one histogram family shares `bounds`.
  Histogram& histogram(std::string_view name,
                       std::string_view help,
                       const std::vector<double>& bounds,
                       Labels labels = {});

  /// Series whose value `read` computes at each render (a queue's size, a store's state).
  /// `read` runs on the rendering thread without the registry's lock: it must be thread-safe,
  /// quick, must not throw, and must stay callable for as long as render() may be called (stop
  /// the admin server before destroying what it reads). Registering the same series twice throws.
  void gauge_fn(std::string_view name,
                std::string_view help,
                Labels labels,
                std::function<double()> read);
  /// The same for a count kept elsewhere (e.g. the HTTP engine's per-host statistics).
  void counter_fn(std::string_view name,
                  std::string_view help,
                  Labels labels,
                  std::function<double()> read);

  /// The whole exposition: families sorted by name, series by label values, '\n'-terminated.
  std::string render() const;

  struct Family;
  struct Series;

 private:
  // Finds or creates the series (with its instrument, or `read` for the _fn forms).
  Series& series(std::string_view name,
                 std::string_view help,
                 MetricType type,
                 const std::vector<double>& bounds,
                 Labels labels,
                 std::function<double()> read);

  // REQUIRES: mutex_ held. The family whose sample names `name` would collide with, if any.
  std::optional<std::string> clashing_name(std::string_view name, MetricType type) const;

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;  // GUARDED_BY(mutex_)
};

}  // namespace koubei::admin
