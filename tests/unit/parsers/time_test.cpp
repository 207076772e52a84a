#include "parsers/normalize/time.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "parsers/model/timestamp.hpp"

namespace {

using koubei::model::format_rfc3339;
using koubei::model::parse_rfc3339;
using koubei::model::Precision;
using koubei::model::Timestamp;
using koubei::normalize::from_epoch;
using koubei::normalize::parse_time;
using koubei::normalize::ParsedTime;
using koubei::normalize::strip_time_suffix;

Timestamp utc(std::string_view rfc3339) { return parse_rfc3339(rfc3339).value(); }

// The fetch time for most tables: 2026-11-22 10:00:00.500 in Shanghai (a Sunday).
constexpr Timestamp kNow{std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} +
                         std::chrono::hours{2} + std::chrono::milliseconds{500}};

struct Row {
  std::string_view text;
  std::string_view expected;  ///< RFC 3339 UTC
  Precision precision;
};

void check_rows(const Row* rows, std::size_t n, Timestamp now) {
  for (std::size_t i = 0; i < n; ++i) {
    INFO("now " << format_rfc3339(now, true));
    CAPTURE(rows[i].text);
    const std::optional<ParsedTime> got = parse_time(rows[i].text, now);
    REQUIRE(got.has_value());
    CHECK(format_rfc3339(got->at) == rows[i].expected);
    CHECK(got->precision == rows[i].precision);
  }
}

}  // namespace

TEST_CASE("parse_time reads Weibo JSON created_at and honours its offset", "[parsers][normalize]") {
  constexpr std::array<Row, 5> kRows = {{
      {"Sun Nov 22 10:00:00 +0800 2026", "2026-11-22T02:00:00Z", Precision::kSecond},
      {"Sat Dec 23 17:12:54 +0800 2023", "2023-12-23T09:12:54Z", Precision::kSecond},
      {"Mon Jan 01 00:30:00 +0000 2024", "2024-01-01T00:30:00Z", Precision::kSecond},
      {"Sun Nov 22 10:00:00 -0130 2026", "2026-11-22T11:30:00Z", Precision::kSecond},
      {"Sat Nov 16 22:38:31 +0800 2024", "2024-11-16T14:38:31Z", Precision::kSecond},
  }};
  check_rows(kRows.data(), kRows.size(), kNow);
}

TEST_CASE("parse_time resolves relative times against now without claiming extra precision",
          "[parsers][normalize]") {
  constexpr std::array<Row, 12> kRows = {{
      {"刚刚", "2026-11-22T02:00:00Z", Precision::kMinute},
      {"30秒前", "2026-11-22T01:59:30Z", Precision::kSecond},
      {"5分钟前", "2026-11-22T01:55:00Z", Precision::kMinute},
      {"  5分钟前\xC2\xA0", "2026-11-22T01:55:00Z", Precision::kMinute},
      {"2小时前", "2026-11-22T00:00:00Z", Precision::kDay},
      {"3天前", "2026-11-19T02:00:00Z", Precision::kDay},
      {"今天 08:30", "2026-11-22T00:30:00Z", Precision::kMinute},
      {"昨天 12:30", "2026-11-21T04:30:00Z", Precision::kMinute},
      {"昨天12:30", "2026-11-21T04:30:00Z", Precision::kMinute},
      {"前天 12:30", "2026-11-20T04:30:00Z", Precision::kMinute},
      {"今天", "2026-11-21T16:00:00Z", Precision::kDay},
      {"昨天 23:59:58", "2026-11-21T15:59:58Z", Precision::kSecond},
  }};
  check_rows(kRows.data(), kRows.size(), kNow);
}

TEST_CASE("parse_time reads dates with and without a year in Shanghai time",
          "[parsers][normalize]") {
  constexpr std::array<Row, 20> kRows = {{
      {"11月20日 08:00", "2026-11-20T00:00:00Z", Precision::kMinute},
      {"11月20日08:00", "2026-11-20T00:00:00Z", Precision::kMinute},
      {"01月10日 12:43", "2026-01-10T04:43:00Z", Precision::kMinute},
      {"11月20日", "2026-11-19T16:00:00Z", Precision::kDay},
      {"11月23日", "2026-11-22T16:00:00Z", Precision::kDay},  // within a day after now: this year
      {"11月24日", "2025-11-23T16:00:00Z", Precision::kDay},  // more than a day after: last year
      {"12月31日 23:59", "2025-12-31T15:59:00Z", Precision::kMinute},
      {"2025年11月20日 08:00", "2025-11-20T00:00:00Z", Precision::kMinute},
      {"2025年11月20日", "2025-11-19T16:00:00Z", Precision::kDay},
      {"11-20", "2026-11-19T16:00:00Z", Precision::kDay},
      {"11-20 08:00", "2026-11-20T00:00:00Z", Precision::kMinute},
      {"11/20 8:05", "2026-11-20T00:05:00Z", Precision::kMinute},
      {"2025-11-20", "2025-11-19T16:00:00Z", Precision::kDay},
      {"2025-11-20 08:00", "2025-11-20T00:00:00Z", Precision::kMinute},
      {"2025-11-20 08:00:00", "2025-11-20T00:00:00Z", Precision::kSecond},
      {"2024-10-24 20:56:29", "2024-10-24T12:56:29Z", Precision::kSecond},
      {"2025/11/20", "2025-11-19T16:00:00Z", Precision::kDay},
      {"2025/11/20 08:00:05", "2025-11-20T00:00:05Z", Precision::kSecond},
      {"2025-1-5", "2025-01-04T16:00:00Z", Precision::kDay},
      {"2026-11-22T10:00:00+08:00", "2026-11-22T02:00:00Z", Precision::kSecond},
  }};
  check_rows(kRows.data(), kRows.size(), kNow);
}

TEST_CASE("parse_time uses now's Shanghai date, not its UTC date", "[parsers][normalize]") {
  // 2026-01-01 00:30 in Shanghai is still 2025-12-31 in UTC.
  const Timestamp new_year = utc("2025-12-31T16:30:00Z");
  constexpr std::array<Row, 6> kRows = {{
      {"今天 00:10", "2025-12-31T16:10:00Z", Precision::kMinute},
      {"昨天 23:00", "2025-12-31T15:00:00Z", Precision::kMinute},
      {"12-31 23:00", "2025-12-31T15:00:00Z", Precision::kMinute},
      {"01月01日", "2025-12-31T16:00:00Z", Precision::kDay},
      {"1月2日", "2026-01-01T16:00:00Z", Precision::kDay},  // 23.5 h ahead: still this year
      {"1月3日", "2025-01-02T16:00:00Z", Precision::kDay},
  }};
  check_rows(kRows.data(), kRows.size(), new_year);
}

TEST_CASE("parse_time reads epoch seconds and milliseconds", "[parsers][normalize]") {
  constexpr std::array<Row, 4> kRows = {{
      {"1700000000", "2023-11-14T22:13:20Z", Precision::kSecond},
      {"1700000000123", "2023-11-14T22:13:20.123Z", Precision::kSecond},
      {"999999999", "2001-09-09T01:46:39Z", Precision::kSecond},
      {"100000000000", "1973-03-03T09:46:40Z", Precision::kSecond},
  }};
  check_rows(kRows.data(), kRows.size(), kNow);
}

TEST_CASE("parse_time rejects anything it does not recognise in full", "[parsers][normalize]") {
  const std::string_view text = GENERATE(as<std::string_view>{},
      "", "   ", "abc", "5分钟", "5 分钟前", "1234567秒前", "-5分钟前", "5周前",
      "11月20日 08:00 来自iPhone客户端", "5分钟前 来自微博", "13月1日", "2月30日", "0月1日",
      "11月0日", "123月1日", "2025-02-29", "2025-11-20 24:00", "2025-11-20 08:60",
      "2025-11-20 08:00:60", "2025-11-20 8", "2025-11-20T08:00", "2025-11/20", "2025-11-20-",
      "12345678", "12345678901", "12345678901234", "0000000000", "昨天 25:00",
      "明天 08:00", "Sun Nov 22 10:00:00 2026", "Sun Nov 22 10:00:00 +0800 2026 x",
      "Foo Nov 22 10:00:00 +0800 2026", "Sun Nov 31 10:00:00 +0800 2026",
      "Sun Nov 22 10:00 +0800 2026", "Sun Nov 22 10:00:00 +0860 2026", "20250-11-20");
  CAPTURE(text);
  CHECK_FALSE(parse_time(text, kNow).has_value());
}

TEST_CASE("parse_time rejects a year-less date that does not exist in the chosen year",
          "[parsers][normalize]") {
  CHECK_FALSE(parse_time("02-29", utc("2025-03-01T00:00:00Z")).has_value());
  const std::optional<ParsedTime> leap = parse_time("02-29", utc("2024-03-01T00:00:00Z"));
  REQUIRE(leap.has_value());
  CHECK(format_rfc3339(leap->at) == "2024-02-28T16:00:00Z");
}

TEST_CASE("parse_time refuses a now outside the years 1900 to 9999", "[parsers][normalize]") {
  CHECK_FALSE(parse_time("刚刚", Timestamp::max()).has_value());
  CHECK_FALSE(parse_time("刚刚", Timestamp::min()).has_value());
  CHECK_FALSE(parse_time("1700000000", utc("1899-12-31T00:00:00Z")).has_value());
}

TEST_CASE("from_epoch decides seconds or milliseconds by magnitude", "[parsers][normalize]") {
  const auto [input, expected] = GENERATE(table<std::int64_t, std::string_view>({
      {1, "1970-01-01T00:00:01Z"},
      {1700000000, "2023-11-14T22:13:20Z"},
      {99999999999, "5138-11-16T09:46:39Z"},
      {100000000000, "1973-03-03T09:46:40Z"},
      {1700000000123, "2023-11-14T22:13:20.123Z"},
      {253402300799999, "9999-12-31T23:59:59.999Z"},
  }));
  CAPTURE(input);
  const std::optional<ParsedTime> got = from_epoch(input);
  REQUIRE(got.has_value());
  CHECK(format_rfc3339(got->at) == expected);
  CHECK(got->precision == Precision::kSecond);
}

TEST_CASE("from_epoch treats zero, negatives and far-future values as unknown",
          "[parsers][normalize]") {
  const std::int64_t input =
      GENERATE(std::int64_t{0}, std::int64_t{-1}, std::int64_t{253402300800000},
               std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min());
  CAPTURE(input);
  CHECK_FALSE(from_epoch(input).has_value());
}

TEST_CASE("strip_time_suffix cuts the client suffix and the edit prefix", "[parsers][normalize]") {
  const auto [input, expected] = GENERATE(table<std::string_view, std::string_view>({
      {"01月10日 12:43 来自iPhone客户端", "01月10日 12:43"},
      {"2024-10-24 20:56:29 来自来自安徽", "2024-10-24 20:56:29"},
      {"06月15日 10:09\xC2\xA0来自微博 weibo.com", "06月15日 10:09"},
      {"编辑于 3天前", "3天前"},
      {"编辑于3天前", "3天前"},
      {"  5分钟前  ", "5分钟前"},
      {"来自iPhone", "来自iPhone"},
      {"", ""},
  }));
  CAPTURE(input);
  CHECK(strip_time_suffix(input) == expected);
}

TEST_CASE("strip_time_suffix output parses where the raw weibo.cn text does not",
          "[parsers][normalize]") {
  const std::string_view raw = "01月10日 12:43 来自iPhone客户端";
  CHECK_FALSE(parse_time(raw, kNow).has_value());
  const std::optional<ParsedTime> got = parse_time(strip_time_suffix(raw), kNow);
  REQUIRE(got.has_value());
  CHECK(format_rfc3339(got->at) == "2026-01-10T04:43:00Z");
  CHECK(got->precision == Precision::kMinute);
}

TEST_CASE("parse_time and strip_time_suffix survive pseudo-random bytes", "[parsers][normalize]") {
  constexpr std::array<std::string_view, 20> kTokens = {
      "1", "2", "0", "9", ":", "-", "/", " ", "年", "月", "日", "前", "分钟", "天", "昨天", "来自",
      "编辑于", "+0800", "Sun ", "Nov "};
  std::mt19937 rng(1122);
  for (int i = 0; i < 4000; ++i) {
    std::string input;
    const int parts = static_cast<int>(rng() % 14);
    for (int p = 0; p < parts; ++p) {
      if (rng() % 4 == 0) {
        input.push_back(static_cast<char>(rng() % 256));
      } else {
        input += kTokens[rng() % kTokens.size()];
      }
    }
    CAPTURE(input);
    const std::string_view stripped = strip_time_suffix(input);
    REQUIRE(stripped.size() <= input.size());
    if (!stripped.empty()) {
      REQUIRE(stripped.data() >= input.data());
      REQUIRE(stripped.data() + stripped.size() <= input.data() + input.size());
    }
    (void)parse_time(input, kNow);
    (void)parse_time(stripped, kNow);
  }
}
