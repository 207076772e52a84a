#include "config/units.hpp"

#include <catch2/catch.hpp>

using namespace koubei::config;
using namespace std::chrono_literals;

TEST_CASE("durations parse with units and combinations", "[config][units]") {
  struct Row {
    const char* text;
    Duration expected;
  };
  const Row rows[] = {{"0", 0ms},       {"500ms", 500ms},  {"30s", 30s},   {"5m", 5min},
                      {"2h", 2h},       {"30d", 24h * 30}, {"1w", 24h * 7}, {"1h30m", 90min},
                      {"1m30s", 90s},   {"1.5s", 1500ms},  {" 10s ", 10s}, {"0s", 0ms}};
  for (const Row& row : rows) {
    INFO(row.text);
    REQUIRE(parse_duration(row.text).has_value());
    CHECK(*parse_duration(row.text) == row.expected);
  }
  for (const char* bad : {"", "s", "10", "10x", "-5s", "1.5h30m", "5 s", "1e3s", "ten seconds"}) {
    INFO(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("durations print in their shortest exact form", "[config][units]") {
  CHECK(format_duration(0ms) == "0s");
  CHECK(format_duration(90s) == "1m30s");
  CHECK(format_duration(24h * 30) == "30d");
  CHECK(format_duration(1500ms) == "1s500ms");
  CHECK(parse_duration(format_duration(Duration{93784005})) == Duration{93784005});
}

TEST_CASE("rates parse as count per period", "[config][units]") {
  CHECK(parse_rate("2/s") == Rate{2, 1s});
  CHECK(parse_rate("0.5/s")->per_second() == Approx(0.5));
  CHECK(parse_rate("30/m")->per_second() == Approx(0.5));
  CHECK(parse_rate("100/h")->per_second() == Approx(100.0 / 3600));
  CHECK(parse_rate("1/10s")->per_second() == Approx(0.1));
  CHECK(parse_rate("1000/d") == Rate{1000, 24h});
  for (const char* bad : {"", "2", "/s", "0/s", "-1/s", "2/x", "2/0s", "two/s", "2/s/s"}) {
    INFO(bad);
    CHECK_FALSE(parse_rate(bad).has_value());
  }
  CHECK(format_rate(Rate{2, 1s}) == "2/s");
  CHECK(format_rate(Rate{1, 10s}) == "1/10s");
  CHECK(format_rate(Rate{0.5, 1min}) == "0.5/m");
}

TEST_CASE("sizes parse binary and decimal units", "[config][units]") {
  CHECK(parse_size("8MiB") == 8ULL << 20);
  CHECK(parse_size("512KiB") == 512ULL << 10);
  CHECK(parse_size("1GiB") == 1ULL << 30);
  CHECK(parse_size("1GB") == 1000000000ULL);
  CHECK(parse_size("10KB") == 10000ULL);
  CHECK(parse_size("100") == 100ULL);
  CHECK(parse_size("100B") == 100ULL);
  for (const char* bad : {"", "MiB", "8mb", "8 MiBs", "-1", "1.5MiB", "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_size(bad).has_value());
  }
  CHECK(format_size(8ULL << 20) == "8MiB");
  CHECK(format_size(1000) == "1000B");
  CHECK(format_size(0) == "0B");
}
