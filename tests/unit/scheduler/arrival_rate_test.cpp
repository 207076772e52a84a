#include "scheduler/core/arrival_rate.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

using koubei::scheduler::ArrivalRate;

namespace {
constexpr std::int64_t kHour = 3600'000;

// Items at a steady `per_hour` from `from` (exclusive) to `to` (inclusive), evenly spaced.
std::vector<std::int64_t> steady(std::int64_t from, std::int64_t to, double per_hour) {
  std::vector<std::int64_t> out;
  double step = static_cast<double>(kHour) / per_hour;
  for (double t = static_cast<double>(from) + step; t <= static_cast<double>(to); t += step) {
    out.push_back(static_cast<std::int64_t>(t));
  }
  return out;
}
}  // namespace

TEST_CASE("arrival rate starts at the prior", "[scheduler][rate]") {
  ArrivalRate r(6 * 3600.0, 2.0 / 3600.0);
  CHECK(r.per_second(0) == Approx(2.0 / 3600.0));
}

TEST_CASE("arrival rate converges to a steady stream's rate", "[scheduler][rate]") {
  ArrivalRate r(6 * 3600.0, 1.0 / 3600.0, 3600.0);
  std::int64_t now = 100 * kHour;
  // First poll reads back 2 hours of history, then polls every 10 minutes for two days.
  r.observe(now, steady(now - 2 * kHour, now, 60));
  for (int i = 0; i < 6 * 48; ++i) {
    std::int64_t next = now + kHour / 6;
    r.observe(next, steady(now, next, 60));
    now = next;
  }
  CHECK(r.per_second(now) * 3600 == Approx(60).epsilon(0.05));
}

TEST_CASE("one poll's backlog is read against the time it covers", "[scheduler][rate]") {
  // 120 items over the last 2 hours: ~60/h, tempered by one hour of a 1/h prior.
  ArrivalRate r(6 * 3600.0, 1.0 / 3600.0, 3600.0);
  std::int64_t now = 10 * kHour;
  r.observe(now, steady(now - 2 * kHour, now, 60));
  double per_hour = r.per_second(now) * 3600;
  CHECK(per_hour > 35);
  CHECK(per_hour < 60);
}

TEST_CASE("a burst raises the estimate at once and it decays after", "[scheduler][rate]") {
  ArrivalRate r(3600.0, 1.0 / 3600.0, 600.0);
  std::int64_t now = 10 * kHour;
  r.observe(now, steady(now - kHour, now, 6));
  double before = r.per_second(now);
  r.observe(now + 600'000, steady(now, now + 600'000, 600));  // 100 items in 10 minutes
  double during = r.per_second(now + 600'000);
  CHECK(during > 10 * before);
  r.observe(now + 5 * kHour, {});
  CHECK(r.per_second(now + 5 * kHour) < during / 20);
}

TEST_CASE("items from the future count as created now", "[scheduler][rate]") {
  ArrivalRate a(3600.0, 0.0, 0.0), b(3600.0, 0.0, 0.0);
  std::vector<std::int64_t> future{2 * kHour + 5000}, present{2 * kHour};
  a.observe(kHour, std::vector<std::int64_t>{kHour});
  b.observe(kHour, std::vector<std::int64_t>{kHour});
  a.observe(2 * kHour, future);
  b.observe(2 * kHour, present);
  CHECK(a.per_second(2 * kHour) == Approx(b.per_second(2 * kHour)));
}
