#include "parsers/normalize/ip_location.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "parsers/normalize/utf8.hpp"

using koubei::normalize::is_valid_utf8;
using koubei::normalize::normalize_ip_location;

TEST_CASE("normalize_ip_location strips the platforms' prefixes", "[parsers][normalize]") {
  const auto [input, expected] = GENERATE(table<std::string_view, std::string_view>({
      {"发布于 北京", "北京"},
      {"发布于北京", "北京"},
      {"来自河南", "河南"},
      {"来自 河南", "河南"},
      {"来自来自河南", "河南"},
      {"来自来自 安徽", "安徽"},
      {"IP属地：广东", "广东"},
      {"IP属地:广东", "广东"},
      {"IP属地 广东", "广东"},
      {"IP属地： 黑龙江", "黑龙江"},
      {"湖北", "湖北"},
      {"  湖北  ", "湖北"},
      {"\xC2\xA0上海\xE3\x80\x80", "上海"},
      {"\xE3\x80\x80发布于\xC2\xA0北京", "北京"},
      {"中国香港", "中国香港"},
      {"美国", "美国"},
      {"\xFF", "\xEF\xBF\xBD"},
  }));
  CAPTURE(input);
  const std::optional<std::string> got = normalize_ip_location(input);
  REQUIRE(got.has_value());
  CHECK(*got == expected);
}

TEST_CASE("normalize_ip_location treats empty and 未知 as unknown", "[parsers][normalize]") {
  const std::string_view input = GENERATE(as<std::string_view>{}, "", "   ", "\xE3\x80\x80",
                                          "未知", " 未知 ", "IP属地：未知", "发布于 ", "来自",
                                          "来自来自", "IP属地：");
  CAPTURE(input);
  CHECK_FALSE(normalize_ip_location(input).has_value());
}

TEST_CASE("normalize_ip_location survives pseudo-random bytes", "[parsers][normalize]") {
  constexpr std::array<std::string_view, 10> kTokens = {
      "发布于", "来自", "IP属地", "：", ":", " ", "\xC2\xA0", "未知", "北京", "\xE5\x8F"};
  std::mt19937 rng(86);
  for (int i = 0; i < 4000; ++i) {
    std::string input;
    const int parts = static_cast<int>(rng() % 8);
    for (int p = 0; p < parts; ++p) {
      if (rng() % 3 == 0) {
        input.push_back(static_cast<char>(rng() % 256));
      } else {
        input += kTokens[rng() % kTokens.size()];
      }
    }
    CAPTURE(input);
    const std::optional<std::string> got = normalize_ip_location(input);
    if (got) {
      REQUIRE_FALSE(got->empty());
      REQUIRE(is_valid_utf8(*got));
      REQUIRE(*got != "未知");
    }
  }
}
