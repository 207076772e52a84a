#include "parsers/normalize/utf8.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using koubei::normalize::append_utf8;
using koubei::normalize::decode_utf8;
using koubei::normalize::is_valid_utf8;
using koubei::normalize::kReplacementChar;
using koubei::normalize::sanitize_utf8;

constexpr char32_t kR = kReplacementChar;

std::vector<char32_t> decode_all(std::string_view in) {
  std::vector<char32_t> out;
  std::size_t pos = 0;
  while (pos < in.size()) {
    const std::size_t before = pos;
    out.push_back(decode_utf8(in, pos));
    REQUIRE(pos > before);  // always makes progress
    REQUIRE(pos <= in.size());
  }
  return out;
}

}  // namespace

TEST_CASE("decode_utf8 decodes valid one to four byte sequences", "[parsers][normalize]") {
  const auto [bytes, expected] = GENERATE(table<std::string_view, std::vector<char32_t>>({
      {"A", {U'A'}},
      {std::string_view("\0", 1), {U'\0'}},
      {"\x7F", {0x7F}},
      {"\xC2\x80", {0x80}},
      {"\xC2\xA2", {0xA2}},
      {"\xDF\xBF", {0x7FF}},
      {"\xE0\xA0\x80", {0x800}},
      {"\xE4\xB8\xAD", {0x4E2D}},
      {"\xED\x9F\xBF", {0xD7FF}},
      {"\xEE\x80\x80", {0xE000}},
      {"\xEF\xBF\xBD", {0xFFFD}},
      {"\xEF\xBF\xBF", {0xFFFF}},
      {"\xF0\x90\x80\x80", {0x10000}},
      {"\xF0\x9F\x98\x80", {0x1F600}},
      {"\xF4\x8F\xBF\xBF", {0x10FFFF}},
      {"a\xE4\xB8\xAD" "b", {U'a', 0x4E2D, U'b'}},
  }));
  CAPTURE(bytes);
  CHECK(decode_all(bytes) == expected);
  CHECK(is_valid_utf8(bytes));
  CHECK(sanitize_utf8(bytes) == bytes);
}

TEST_CASE("decode_utf8 replaces each maximal invalid subpart with one U+FFFD",
          "[parsers][normalize]") {
  const auto [bytes, expected] = GENERATE(table<std::string_view, std::vector<char32_t>>({
      // overlong forms
      {"\xC0\xAF", {kR, kR}},
      {"\xC1\xBF", {kR, kR}},
      {"\xE0\x80\xAF", {kR, kR, kR}},
      {"\xE0\x9F\xBF", {kR, kR, kR}},
      {"\xF0\x80\x80\xAF", {kR, kR, kR, kR}},
      {"\xF0\x8F\xBF\xBF", {kR, kR, kR, kR}},
      // UTF-16 surrogates
      {"\xED\xA0\x80", {kR, kR, kR}},
      {"\xED\xBF\xBF", {kR, kR, kR}},
      // beyond U+10FFFF
      {"\xF4\x90\x80\x80", {kR, kR, kR, kR}},
      {"\xF5\x80\x80\x80", {kR, kR, kR, kR}},
      {"\xF8\x88\x80\x80\x80", {kR, kR, kR, kR, kR}},
      // truncated sequences: one replacement for the whole valid prefix
      {"\xC2", {kR}},
      {"\xE4\xB8", {kR}},
      {"\xF0\x9F\x98", {kR}},
      {"\xE4\xB8" "A", {kR, U'A'}},
      {"\xF0\x9F" "\xE4\xB8\xAD", {kR, 0x4E2D}},
      // stray continuation bytes and bytes that never start a sequence
      {"\x80", {kR}},
      {"a\xBF" "b", {U'a', kR, U'b'}},
      {"\x80\x80", {kR, kR}},
      {"\xFE\xFF", {kR, kR}},
  }));
  CAPTURE(bytes);
  CHECK(decode_all(bytes) == expected);
  CHECK_FALSE(is_valid_utf8(bytes));
  std::string sanitized;
  for (const char32_t cp : expected) append_utf8(sanitized, cp);
  CHECK(sanitize_utf8(bytes) == sanitized);
}

TEST_CASE("append_utf8 encodes every length boundary and refuses non-scalar values",
          "[parsers][normalize]") {
  const auto [cp, expected] = GENERATE(table<char32_t, std::string_view>({
      {0x41, "A"},
      {0x7F, "\x7F"},
      {0x80, "\xC2\x80"},
      {0x7FF, "\xDF\xBF"},
      {0x800, "\xE0\xA0\x80"},
      {0xFFFF, "\xEF\xBF\xBF"},
      {0x10000, "\xF0\x90\x80\x80"},
      {0x10FFFF, "\xF4\x8F\xBF\xBF"},
      {0xD800, "\xEF\xBF\xBD"},
      {0xDFFF, "\xEF\xBF\xBD"},
      {0x110000, "\xEF\xBF\xBD"},
      {0xFFFFFFFF, "\xEF\xBF\xBD"},
  }));
  CAPTURE(static_cast<unsigned long>(cp));
  std::string out = "x";
  append_utf8(out, cp);
  CHECK(out.substr(1) == expected);
}

TEST_CASE("utf8 helpers survive pseudo-random bytes and sanitize to valid UTF-8",
          "[parsers][normalize]") {
  std::mt19937 rng(3);
  for (int i = 0; i < 5000; ++i) {
    std::string input(rng() % 16, '\0');
    for (char& c : input) {
      // Bias towards lead and continuation bytes so multi-byte paths get exercised.
      c = static_cast<char>(rng() % 2 == 0 ? 0x80 + rng() % 0x80 : rng() % 256);
    }
    CAPTURE(input);
    (void)decode_all(input);
    const std::string clean = sanitize_utf8(input);
    REQUIRE(is_valid_utf8(clean));
    REQUIRE((clean == input) == is_valid_utf8(input));
  }
}
