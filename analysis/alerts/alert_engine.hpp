#pragma once
// AlertEngine: the early-warning rules (预警) as a sans-IO state machine. Fed (mention, now), it
// returns the alerts to deliver; it never reads a clock, sleeps or does IO, so tests drive it
// with a fake clock and the daemon calls it from one strand.
//
// Rules (parameters from [alerts], config/config.hpp):
//  - influencer: a negative mention whose author's tier is min_tier or higher → alert at once;
//  - spike: negative mentions of a query in the last `window` exceed mean + k·σ of the
//    `baseline_windows` windows before it, and are at least min_count → alert. Counted in
//    one-minute buckets of arrival time (`now`), so memory per query is bounded;
//  - crisis: a crisis word in the title or text of a mention that a query matched → alert.
// Each (rule, query) has a cooldown: within it, alerts are counted as suppressed, and the next
// alert reports how many were held back. "Negative" means sentiment.label == negative.
//
// Thread safety: none; one engine per strand. The folder must outlive the engine.

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/alerts/alert.hpp"
#include "analysis/keywords/text_folder.hpp"
#include "config/config.hpp"

namespace koubei::analysis::alerts {

struct EngineStats {
  std::uint64_t observed = 0;
  std::uint64_t fired = 0;
  std::uint64_t suppressed = 0;  ///< held back by a cooldown
};

class AlertEngine {
 public:
  /// REQUIRES: folder outlives the engine.
  AlertEngine(config::AlertsConfig config, const keywords::TextFolder& folder);

  /// The alerts this mention causes at `now` (arrival time; monotone non-decreasing).
  std::vector<Alert> observe(const model::Mention& m, model::Timestamp now);

  const EngineStats& stats() const { return stats_; }

 private:
  struct Bucket {
    std::int64_t minute = -1;  ///< which minute this slot holds; stale slots count as 0
    std::uint32_t count = 0;
  };
  struct QueryState {
    std::vector<Bucket> buckets;                ///< ring of one-minute negative counts
    std::deque<AlertMention> recent_negatives;  ///< newest last, at most max_mentions
  };
  struct Cooldown {
    model::Timestamp last{};
    std::uint64_t suppressed = 0;
  };

  std::optional<Alert> influencer(const model::Mention& m, model::Timestamp now);
  std::optional<Alert> spike(const model::Mention& m, model::Timestamp now);
  std::optional<Alert> crisis(const model::Mention& m, model::Timestamp now);
  /// Applies the cooldown of (rule, query); fills id, counts. False when suppressed.
  bool admit(Alert& a, model::Timestamp now);
  std::uint64_t window_count(const QueryState& q, std::int64_t last_minute) const;

  config::AlertsConfig config_;
  const keywords::TextFolder* folder_;
  std::vector<std::pair<std::u32string, std::string>> crisis_words_;  ///< folded, as configured
  std::map<std::string, QueryState> queries_;
  std::map<std::tuple<Rule, std::string>, Cooldown> cooldowns_;
  EngineStats stats_;
};

}  // namespace koubei::analysis::alerts
