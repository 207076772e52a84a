#pragma once
// ArrivalRate: an estimate of how many new items per second a (query, platform) pair produces,
// from the creation times of the items each poll finds: an exponentially decayed event rate
//     λ(now) = (N + λ₀·k') / (T + k'),   N = Σᵢ e^{−(now − tᵢ)/τ},   T = τ·(1 − e^{−Δ/τ}),
//     k' = k·e^{−Δ/τ},   Δ = now − s
// N counts the items seen with exponentially decaying weight, T is the equally weighted length of
// time they were watched (since s, the oldest time the first poll covered), and λ₀ is a prior worth
// k seconds of observation that keeps a fresh or tiny sample from swinging the estimate to 0 or to
// a thousand; it fades as real observation accumulates, so a steady stream is estimated without
// bias. Recent items weigh most, so a burst raises λ within one poll and a topic that
// goes quiet decays towards a small rate. Kept in O(1) by decaying N between updates.
//
// Contract
// - observe() takes the items' creation times (platform wall clock, Unix ms) and the poll time on
//   the same clock. Items from the future (clock skew) count as created now. Each item must be
//   observed once (the caller passes only items it had not seen; dedup is upstream).
// - Until data arrives the estimate is `prior` (items/s): unknown topics are polled at a moderate
//   pace rather than at the minimum or maximum.
// Sans-IO; thread safety: none.

#include <cstdint>
#include <span>

namespace koubei::scheduler {

class ArrivalRate {
 public:
  /// tau_seconds: the memory of the estimate (default 6 h); prior: items/s before any data;
  /// prior_seconds: how much observation the prior is worth (default 1 h).
  explicit ArrivalRate(double tau_seconds = 6 * 3600.0, double prior = 1.0 / 3600.0,
                       double prior_seconds = 3600.0);

  void observe(std::int64_t now_ms, std::span<const std::int64_t> created_ms);

  /// Items per second at `now_ms`.
  double per_second(std::int64_t now_ms) const;

 private:
  double tau_;
  double prior_;
  double prior_seconds_;
  double sum_ = 0;             ///< N at at_ms_
  std::int64_t at_ms_ = 0;     ///< time sum_ refers to
  bool seen_ = false;
  std::int64_t since_ms_ = 0;  ///< s: start of the watched time
};

}  // namespace koubei::scheduler
