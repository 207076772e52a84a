#include "scheduler/core/poll_plan.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace std::chrono_literals;
using koubei::scheduler::plan_polls;
using koubei::scheduler::PollDemand;

namespace {
PollDemand demand(double weight, double per_hour) {
  PollDemand d;
  d.weight = weight;
  d.rate = per_hour / 3600.0;
  d.page_items = 10;
  d.readable_items = 500;
  d.min_interval = 10s;
  d.max_interval = 1h;
  return d;
}
}  // namespace

TEST_CASE("poll frequencies follow the square root of weight times rate", "[scheduler][plan]") {
  std::vector<PollDemand> d{demand(1, 36), demand(1, 144), demand(4, 36)};
  double page_cost = (36 + 144 + 36) / 3600.0 / 10;
  double budget = 0.05 + page_cost;
  auto plan = plan_polls(d, budget);
  REQUIRE(plan.slots.size() == 3);
  CHECK_FALSE(plan.over_budget);
  // √(1·36) : √(1·144) : √(4·36) = 6 : 12 : 12
  CHECK(plan.slots[1].polls_per_second / plan.slots[0].polls_per_second == Approx(2.0));
  CHECK(plan.slots[2].polls_per_second / plan.slots[0].polls_per_second == Approx(2.0));
  CHECK(plan.requests_per_second == Approx(budget));
}

TEST_CASE("the square-root split beats equal intervals on weighted delay", "[scheduler][plan]") {
  std::vector<PollDemand> d{demand(1, 1), demand(1, 20), demand(1, 400), demand(1, 5)};
  double budget = 0.02 + (1 + 20 + 400 + 5) / 3600.0 / 10;
  auto plan = plan_polls(d, budget);
  double adaptive = 0, equal = 0;
  double f_equal = 0.02 / 4;
  for (std::size_t i = 0; i < d.size(); ++i) {
    adaptive += d[i].rate / (2 * plan.slots[i].polls_per_second);
    equal += d[i].rate / (2 * f_equal);
  }
  CHECK(adaptive < equal);
}

TEST_CASE("interval bounds clamp and the rest of the budget is redistributed", "[scheduler][plan]") {
  // Unclamped, the busy query would take nearly all of 0.15 polls/s; its min_interval holds it
  // at 0.1, and the two quiet ones share the remaining 0.05 equally: one poll per 40 s each.
  std::vector<PollDemand> d{demand(1, 3600 * 10), demand(1, 1), demand(1, 1)};
  double page_cost = 1.0 + 2 / 36000.0;
  auto plan = plan_polls(d, 0.15 + page_cost);
  CHECK(plan.slots[0].at_ceiling);
  CHECK(plan.slots[0].interval == 10s);
  CHECK(plan.slots[1].interval == 40s);
  CHECK(plan.slots[2].interval == 40s);
  CHECK(plan.requests_per_second == Approx(0.15 + page_cost));
}

TEST_CASE("a quiet query is still polled at its maximum interval", "[scheduler][plan]") {
  std::vector<PollDemand> d{demand(1, 0), demand(1, 3600)};
  auto plan = plan_polls(d, 0.1 + 0.05);
  CHECK(plan.slots[0].interval == 1h);
  CHECK(plan.slots[0].at_floor);
}

TEST_CASE("the completeness floor keeps a busy query from falling off the pages", "[scheduler][plan]") {
  // 36,000 items/h with 500 readable per poll: at least one poll per 50 s, whatever the weight.
  std::vector<PollDemand> d{demand(0.0001, 36000), demand(100, 3600)};
  auto plan = plan_polls(d, 1.1 + 0.12);
  CHECK(plan.slots[0].interval == 50s);
  CHECK(plan.slots[0].at_floor);
  CHECK(plan.slots[1].at_ceiling);
}

TEST_CASE("floors above the budget put every job at its floor and say so", "[scheduler][plan]") {
  std::vector<PollDemand> d{demand(1, 36000), demand(1, 36000)};
  auto plan = plan_polls(d, 0.5);
  CHECK(plan.over_budget);
  CHECK(plan.slots[0].at_floor);
  CHECK(plan.slots[0].interval == 50s);
}

TEST_CASE("a query too busy even at min_interval is flagged", "[scheduler][plan]") {
  PollDemand d = demand(1, 3600 * 1000);  // 1000 items/s, 500 per poll: needs 2 polls/s
  auto plan = plan_polls(std::vector<PollDemand>{d}, 1000);
  CHECK(plan.slots[0].cannot_keep_up);
  CHECK(plan.slots[0].interval == 10s);
}

TEST_CASE("the equal shape gives every job one interval on the same budget", "[scheduler][plan]") {
  using koubei::scheduler::PollShape;
  std::vector<PollDemand> d{demand(1, 1), demand(3, 20), demand(1, 400), demand(1, 5)};
  const double page_cost = (1 + 20 + 400 + 5) / 3600.0 / 10;
  const double budget = 0.02 + page_cost;
  auto plan = plan_polls(d, budget, PollShape::kEqual);
  REQUIRE(plan.slots.size() == 4);
  for (const auto& slot : plan.slots) {
    CHECK(slot.polls_per_second == Approx(0.005));
    CHECK(slot.interval == 200s);
  }
  CHECK(plan.requests_per_second == Approx(budget));
  // The same budget, shaped by √(w·λ), gives the busy query more polls than the quiet one.
  auto adaptive = plan_polls(d, budget);
  CHECK(adaptive.requests_per_second == Approx(budget));
  CHECK(adaptive.slots[2].polls_per_second > adaptive.slots[0].polls_per_second * 10);
}
