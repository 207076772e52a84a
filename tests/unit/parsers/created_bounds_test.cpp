#include "parsers/model/created_bounds.hpp"

#include "parsers/normalize/time.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

namespace km = koubei::model;
namespace kn = koubei::normalize;
using namespace std::chrono;

namespace {

km::Mention shown_as(const std::string& text, km::Timestamp now) {
  const auto parsed = kn::parse_time(text, now);
  REQUIRE(parsed.has_value());
  km::Mention m;
  m.created_at = parsed->at;
  m.created_at_precision = parsed->precision;
  return m;
}

// What a page shows for an item created at `t`, seen at `now` (Shanghai wall clock).
std::string absolute_minute(km::Timestamp t) {
  const auto local = t + 8h;
  const auto day = floor<days>(local);
  const hh_mm_ss clock{floor<seconds>(local - day)};
  const year_month_day ymd{day};
  char buf[64];
  std::snprintf(buf,
                sizeof buf,
                "%d-%02u-%02u %02ld:%02ld",
                int(ymd.year()),
                unsigned(ymd.month()),
                unsigned(ymd.day()),
                long(clock.hours().count()),
                long(clock.minutes().count()));
  return buf;
}

}  // namespace

TEST_CASE("created bounds hold the true time for truncated and elapsed forms", "[parsers][model]") {
  const km::Timestamp now = sys_days{2026y / November / 23} + 5h + 8min + 48s + 724ms;
  // Every true time over two hours before `now`, a second and a half apart (ms parts included).
  for (km::Timestamp t = now - 2h; t <= now; t += 1537ms) {
    INFO(km::Timestamp(t).time_since_epoch().count());
    const std::int64_t truth = t.time_since_epoch().count();
    const auto elapsed = now - t;
    const std::string shown[] = {
        absolute_minute(t),                                                    // truncated
        std::to_string(duration_cast<minutes>(elapsed).count()) + "分钟前",    // whole minutes ago
        std::to_string(duration_cast<hours>(elapsed).count()) + "小时前",      // whole hours ago
        std::to_string(duration_cast<seconds>(t.time_since_epoch()).count()),  // epoch seconds
    };
    for (const auto& text : shown) {
      if (text == "0小时前" || text == "0分钟前") continue;  // pages say 刚刚 / N分钟前 there
      INFO(text);
      const auto b = km::created_bounds(shown_as(text, now));
      REQUIRE(b.has_value());
      CHECK(b->earliest_ms <= truth);
      CHECK(truth <= b->latest_ms);
    }
  }
}

TEST_CASE("a window keeps an item on its edge and drops one that is certainly outside",
          "[parsers][model]") {
  const km::Timestamp now = sys_days{2026y / November / 23} + 5h + 8min + 48s + 724ms;
  const std::int64_t since = (now - 20h).time_since_epoch().count();  // 17:08:48.724 Shanghai
  // Created at 17:08:50 Shanghai, shown as "17:08": its point estimate lies before `since`.
  const km::Mention edge = shown_as("2026-11-22 17:08", now);
  CHECK(edge.created_at->time_since_epoch().count() < since);
  CHECK(km::may_lie_in(edge, since, 0));
  CHECK(km::may_lie_in(edge, since, since + 3600 * 1000));
  CHECK_FALSE(km::may_lie_in(shown_as("2026-11-22 17:07", now), since, 0));
  CHECK_FALSE(km::may_lie_in(shown_as("2026-11-22 17:10", now), 0, since));
  // Epoch seconds: the millisecond part of `since` does not lose the item of that second.
  const km::Mention second = shown_as(std::to_string(since / 1000), now);
  CHECK(km::may_lie_in(second, since, 0));
  CHECK_FALSE(km::may_lie_in(shown_as(std::to_string(since / 1000 - 1), now), since, 0));
  // Day precision spans a day either side; no time at all may lie anywhere.
  CHECK(km::may_lie_in(shown_as("2026-11-22", now), since, 0));
  CHECK_FALSE(km::may_lie_in(shown_as("2026-11-20", now), since, 0));
  CHECK(km::may_lie_in(km::Mention{}, since, since + 1));
}

TEST_CASE("precision units", "[parsers][model]") {
  CHECK(km::precision_ms(km::Precision::kSecond) == 1000);
  CHECK(km::precision_ms(km::Precision::kMinute) == 60000);
  CHECK(km::precision_ms(km::Precision::kDay) == 86400000);
  km::Mention m;
  m.created_at = km::Timestamp{milliseconds{5000}};
  const auto b = km::created_bounds(m);  // no precision: treated as a day
  REQUIRE(b.has_value());
  CHECK(b->latest_ms == 5000 + 86400000 - 1);
}
