#include "parsers/model/timestamp.hpp"

#include <catch2/catch.hpp>

namespace km = koubei::model;
using namespace std::chrono;

TEST_CASE("RFC 3339 timestamps format in UTC with Z", "[parsers][model]") {
  const km::Timestamp t = sys_days{2026y / November / 22} + 2h + 5min + 7s;
  CHECK(km::format_rfc3339(t) == "2026-11-22T02:05:07Z");
  CHECK(km::format_rfc3339(t, true) == "2026-11-22T02:05:07.000Z");
  CHECK(km::format_rfc3339(t + 123ms) == "2026-11-22T02:05:07.123Z");
  CHECK(km::format_rfc3339(km::Timestamp{}) == "1970-01-01T00:00:00Z");
}

TEST_CASE("RFC 3339 parsing honours offsets and rejects malformed text", "[parsers][model]") {
  const km::Timestamp utc = sys_days{2026y / November / 22} + 2h;
  CHECK(km::parse_rfc3339("2026-11-22T02:00:00Z") == utc);
  CHECK(km::parse_rfc3339("2026-11-22T10:00:00+08:00") == utc);
  CHECK(km::parse_rfc3339("2026-11-21T21:30:00-04:30") == utc);
  CHECK(km::parse_rfc3339("2026-11-22T02:00:00.5Z") == utc + 500ms);
  CHECK(km::parse_rfc3339("2026-11-22T02:00:00.123456789Z") == utc + 123ms);
  for (const char* bad : {"", "2026-11-22", "2026-11-22T02:00:00", "2026-13-01T00:00:00Z",
                          "2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T02:00:00.Z",
                          "2026-11-22T02:00:00+0800", "2026-11-22T02:00:00Zjunk"}) {
    INFO(bad);
    CHECK_FALSE(km::parse_rfc3339(bad).has_value());
  }
}
