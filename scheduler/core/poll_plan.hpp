#pragma once
// PollPlan: how often to poll each (query, platform) search job so that, within one platform's
// request budget, new items are found as soon as possible (issue 8 §6).
//
// Model. Job i sees items arrive at rate λᵢ (ArrivalRate) and matters with weight wᵢ (query
// priority). Polled at frequency fᵢ, an item waits on average 1/(2fᵢ), so the weighted delay is
// Σ wᵢλᵢ/(2fᵢ). A poll reads one page at least and one page per `page_items` new items, so the job
// costs about fᵢ + λᵢ/pᵢ requests per second. Minimising the delay under Σ cost = budget gives
// fᵢ ∝ √(wᵢ·λᵢ) (Lagrange; the square-root rule of Sia, Cho & Cho, IEEE TKDE 2007), over what
// remains of the budget after the per-item page cost.
//
// Bounds, applied by water-filling (the proportionality constant is found so that the clamped
// frequencies spend the budget exactly):
// - completeness floor: fᵢ ≥ λᵢ / readable_items, so fewer items arrive between two polls than a
//   poll can page back through (Weibo stops at 50 pages): freshness never costs recall;
// - the configured interval bounds: 1/max_interval ≤ fᵢ ≤ 1/min_interval.
// When the floors alone exceed the budget, every job runs at its floor (recall first) and the plan
// says so (`over_budget`); the token buckets then stretch the schedule.
//
// Pure function; thread-safe.

#include "config/units.hpp"

#include <span>
#include <vector>

namespace koubei::scheduler {

struct PollDemand {
  double weight = 1.0;             ///< query priority, > 0
  double rate = 0;                 ///< λ, items per second
  double page_items = 10;          ///< items per result page
  double readable_items = 500;     ///< items one poll can page back through (caps × safety)
  config::Duration min_interval{60'000};
  config::Duration max_interval{30 * 60'000};
};

struct PollSlot {
  config::Duration interval{};     ///< time between two polls
  double polls_per_second = 0;     ///< 1 / interval
  double requests_per_second = 0;  ///< expected cost of the job (polls + extra pages)
  bool at_floor = false;           ///< held up by the completeness floor or max_interval
  bool at_ceiling = false;         ///< held down by min_interval
  bool cannot_keep_up = false;     ///< even min_interval is below the completeness floor
};

struct PollPlan {
  std::vector<PollSlot> slots;     ///< one per demand, same order
  double requests_per_second = 0;  ///< total expected cost
  bool over_budget = false;        ///< the floors alone need more than the budget
};

/// How the budget is shaped over the jobs.
enum class PollShape {
  kSquareRoot,  ///< fᵢ ∝ √(wᵢ·λᵢ), completeness floor: the adaptive plan above
  kEqual,       ///< one frequency for every job (within its interval bounds), no floor: the
                ///< fixed-interval baseline the benchmark compares against, same budget
};

/// REQUIRES: budget_per_second > 0; every demand's min_interval > 0, max_interval >= min_interval.
PollPlan plan_polls(std::span<const PollDemand> demands, double budget_per_second,
                    PollShape shape = PollShape::kSquareRoot);

}  // namespace koubei::scheduler
