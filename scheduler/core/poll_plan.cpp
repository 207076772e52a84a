#include "scheduler/core/poll_plan.hpp"

#include "scheduler/core/clock.hpp"

#include <algorithm>
#include <cmath>

namespace koubei::scheduler {
namespace {

struct Bounds {
  double lo;    ///< lowest frequency allowed (floor)
  double hi;    ///< highest frequency allowed
  double want;  ///< √(w·λ): the unconstrained shape
  double page_cost;  ///< λ/p: requests per second spent on extra pages whatever f is
  bool cannot_keep_up;
};

Bounds bounds_of(const PollDemand& d, PollShape shape) {
  double rate = std::max(d.rate, 0.0);
  double hi = 1.0 / to_seconds(d.min_interval);
  double lo = 1.0 / to_seconds(d.max_interval);
  const bool equal = shape == PollShape::kEqual;
  double floor = !equal && d.readable_items > 0 ? rate / d.readable_items : 0;
  bool cannot = floor > hi;
  lo = std::min(std::max(lo, floor), hi);
  double want = equal ? 1.0 : std::sqrt(std::max(d.weight, 0.0) * rate);
  double page_cost = d.page_items > 0 ? rate / d.page_items : 0;
  return {lo, hi, want, page_cost, cannot};
}

double spend(const std::vector<Bounds>& b, double c) {
  double total = 0;
  for (const auto& x : b) total += std::clamp(c * x.want, x.lo, x.hi);
  return total;
}

}  // namespace

PollPlan plan_polls(std::span<const PollDemand> demands, double budget_per_second,
                    PollShape shape) {
  std::vector<Bounds> b;
  b.reserve(demands.size());
  double page_cost = 0, floors = 0, ceilings = 0;
  for (const auto& d : demands) {
    b.push_back(bounds_of(d, shape));
    page_cost += b.back().page_cost;
    floors += b.back().lo;
    ceilings += b.back().hi;
  }
  double poll_budget = budget_per_second - page_cost;

  PollPlan plan;
  double c = 0;
  if (poll_budget <= floors) {
    plan.over_budget = poll_budget < floors * (1 - 1e-9);
  } else if (poll_budget >= ceilings) {
    c = HUGE_VAL;
  } else {
    // spend(c) is continuous and non-decreasing in c: bisect on a log scale.
    double lo = 0, hi = 1;
    while (spend(b, hi) < poll_budget && hi < 1e30) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > hi * 1e-12; ++i) {
      double mid = (lo + hi) / 2;
      (spend(b, mid) < poll_budget ? lo : hi) = mid;
    }
    c = (lo + hi) / 2;
  }

  plan.slots.reserve(b.size());
  for (const auto& x : b) {
    double f = c == HUGE_VAL ? x.hi : std::clamp(c * x.want, x.lo, x.hi);
    PollSlot slot;
    slot.polls_per_second = f;
    slot.interval = config::Duration{std::llround(1000.0 / f)};
    slot.requests_per_second = f + x.page_cost;
    slot.at_floor = f <= x.lo * (1 + 1e-9);
    slot.at_ceiling = f >= x.hi * (1 - 1e-9);
    slot.cannot_keep_up = x.cannot_keep_up;
    plan.requests_per_second += slot.requests_per_second;
    plan.slots.push_back(slot);
  }
  return plan;
}

}  // namespace koubei::scheduler
