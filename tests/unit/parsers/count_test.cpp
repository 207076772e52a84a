#include "parsers/normalize/count.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>

namespace {

using koubei::normalize::count_from_int;
using koubei::normalize::CountValue;
using koubei::normalize::parse_count;
using Status = CountValue::Status;

struct NumberRow {
  std::string_view text;
  std::int64_t value;
  bool capped;
};

struct StatusRow {
  std::string_view text;
  Status status;
};

}  // namespace

TEST_CASE("parse_count reads plain, grouped and unit-scaled numbers exactly",
          "[parsers][normalize]") {
  constexpr std::array<NumberRow, 36> kRows = {{
      {"0", 0, false},
      {"123", 123, false},
      {"007", 7, false},
      {"1,234", 1234, false},
      {"1,234,567", 1234567, false},
      {"1，234", 1234, false},
      {"1.2万", 12000, false},
      {"1.9万", 19000, false},
      {"3.14万", 31400, false},
      {"12.3万", 123000, false},
      {"1.2345万", 12345, false},
      {"1.20000万", 12000, false},
      {"2万", 20000, false},
      {"12万+", 120000, true},
      {"100万+", 1000000, true},
      {"10w+", 100000, true},
      {"10W+", 100000, true},
      {"3.5W", 35000, false},
      {"3.5w", 35000, false},
      {"1.2亿", 120000000, false},
      {"0.1亿", 10000000, false},
      {"1.2k", 1200, false},
      {"1.2K", 1200, false},
      {"1.2千", 1200, false},
      {"1.2 万", 12000, false},
      {"100+", 100, true},
      {"  42  ", 42, false},
      {"\xC2\xA0" "42\xE3\x80\x80", 42, false},
      {"9223372036854775807", std::numeric_limits<std::int64_t>::max(), false},
      {"92233720368.54775807亿", std::numeric_limits<std::int64_t>::max(), false},
      {"赞 123", 123, false},
      {"转发 1.2万", 12000, false},
      {"赞123", 123, false},
      {"(123)", 123, false},
      {"赞[415899]", 415899, false},
      {"评论（1.2万+）", 12000, true},
  }};
  for (const NumberRow& row : kRows) {
    CAPTURE(row.text);
    const CountValue got = parse_count(row.text);
    CHECK(got.status == Status::kNumber);
    CHECK(got.value == row.value);
    CHECK(got.capped == row.capped);
  }
}

TEST_CASE("parse_count tells empty, label and invalid apart and never invents a value",
          "[parsers][normalize]") {
  constexpr std::array<StatusRow, 38> kRows = {{
      {"", Status::kEmpty},
      {"   ", Status::kEmpty},
      {"\t\n", Status::kEmpty},
      {"-", Status::kEmpty},
      {" - ", Status::kEmpty},
      {"赞", Status::kLabel},
      {"转发", Status::kLabel},
      {"评论", Status::kLabel},
      {" 赞 ", Status::kLabel},
      {"１２３", Status::kInvalid},  // full-width digits are a number we do not read, not a label
      {"\xFF\xFE", Status::kInvalid},
      {"12abc", Status::kInvalid},
      {"abc12", Status::kInvalid},
      {"1.2.3万", Status::kInvalid},
      {"1.5", Status::kInvalid},
      {"1.23456万", Status::kInvalid},
      {"1.2345k", Status::kInvalid},
      {"12.", Status::kInvalid},
      {".5万", Status::kInvalid},
      {"-5", Status::kInvalid},
      {"- 5", Status::kInvalid},
      {"−5", Status::kInvalid},
      {"+5", Status::kInvalid},
      {"9223372036854775808", Status::kInvalid},
      {"99999999999999999999", Status::kInvalid},
      {"922337203685477.6亿", Status::kInvalid},
      {"1000000000000000万", Status::kInvalid},
      {"12,34", Status::kInvalid},
      {"1234,567", Status::kInvalid},
      {"1,234,56", Status::kInvalid},
      {"1,", Status::kInvalid},
      {"1万万", Status::kInvalid},
      {"12 34", Status::kInvalid},
      {"赞 12 转发 3", Status::kInvalid},
      {"(123", Status::kInvalid},
      {"123)", Status::kInvalid},
      {"(123]", Status::kInvalid},
      {"123赞", Status::kInvalid},
  }};
  for (const StatusRow& row : kRows) {
    CAPTURE(row.text);
    const CountValue got = parse_count(row.text);
    CHECK(got.status == row.status);
    CHECK_FALSE(got.value.has_value());
    CHECK_FALSE(got.capped);
  }
}

TEST_CASE("count_from_int accepts non-negative integers and rejects negative ones",
          "[parsers][normalize]") {
  const auto [input, status, value] = GENERATE(table<std::int64_t, Status, std::int64_t>({
      {0, Status::kNumber, 0},
      {74, Status::kNumber, 74},
      {1000000, Status::kNumber, 1000000},
      {std::numeric_limits<std::int64_t>::max(), Status::kNumber,
       std::numeric_limits<std::int64_t>::max()},
      {-1, Status::kInvalid, 0},
      {std::numeric_limits<std::int64_t>::min(), Status::kInvalid, 0},
  }));
  CAPTURE(input);
  const CountValue got = count_from_int(input);
  CHECK(got.status == status);
  CHECK(got.value.has_value() == (status == Status::kNumber));
  if (got.value) CHECK(*got.value == value);
  CHECK_FALSE(got.capped);
}

TEST_CASE("parse_count survives pseudo-random bytes and keeps its invariants",
          "[parsers][normalize]") {
  constexpr std::array<std::string_view, 16> kTokens = {
      "1", "9", "0", ",", "，", ".", "万", "亿", "w", "K", "+", "-", "赞 ", "(", ")", "\xE4\xB8"};
  std::mt19937 rng(20261122);
  for (int i = 0; i < 4000; ++i) {
    std::string input;
    const int parts = static_cast<int>(rng() % 12);
    for (int p = 0; p < parts; ++p) {
      if (rng() % 3 == 0) {
        input.push_back(static_cast<char>(rng() % 256));
      } else {
        input += kTokens[rng() % kTokens.size()];
      }
    }
    CAPTURE(input);
    const CountValue got = parse_count(input);
    REQUIRE(got.value.has_value() == (got.status == Status::kNumber));
    if (got.value) REQUIRE(*got.value >= 0);
    if (got.capped) REQUIRE(got.status == Status::kNumber);
  }
}
