#include "scheduler/core/backfill_windows.hpp"

#include <catch2/catch.hpp>

using koubei::scheduler::BackfillWindows;
using koubei::scheduler::TimeWindow;

namespace {
// 2026-11-20T00:00:00+08:00 as Unix seconds.
constexpr std::int64_t kDayStart = 1795132800 - 8 * 3600;
constexpr std::int64_t kHour = 3600;
}  // namespace

TEST_CASE("a backfill walks Beijing days newest first", "[scheduler][backfill]") {
  BackfillWindows w(kDayStart + 20 * kHour, kDayStart + 24 * kHour + 2 * kHour);
  REQUIRE(w.remaining() == 2);
  CHECK(w.next() == TimeWindow{kDayStart + 24 * kHour, kDayStart + 26 * kHour});
  w.finished();
  CHECK(w.next() == TimeWindow{kDayStart + 20 * kHour, kDayStart + 24 * kHour});
  w.finished();
  CHECK_FALSE(w.next().has_value());
}

TEST_CASE("a day that hits the cap is split into its hours", "[scheduler][backfill]") {
  BackfillWindows w(kDayStart, kDayStart + 24 * kHour);
  w.hit_cap();
  REQUIRE(w.remaining() == 24);
  CHECK(w.next() == TimeWindow{kDayStart + 23 * kHour, kDayStart + 24 * kHour});
  w.finished();
  CHECK(w.next() == TimeWindow{kDayStart + 22 * kHour, kDayStart + 23 * kHour});
}

TEST_CASE("an hour that hits the cap is reported as capped", "[scheduler][backfill]") {
  BackfillWindows w(kDayStart, kDayStart + 2 * kHour);
  w.hit_cap();  // the (partial) day → two hours
  w.hit_cap();  // the newest hour is still capped
  REQUIRE(w.capped().size() == 1);
  CHECK(w.capped()[0] == TimeWindow{kDayStart + kHour, kDayStart + 2 * kHour});
  CHECK(w.next() == TimeWindow{kDayStart, kDayStart + kHour});
}

TEST_CASE("an empty or reversed range has nothing to walk", "[scheduler][backfill]") {
  CHECK_FALSE(BackfillWindows(kDayStart, kDayStart).next().has_value());
  CHECK_FALSE(BackfillWindows(kDayStart + 10, kDayStart).next().has_value());
}
