#include "parsers/normalize/count.hpp"
#include "parsers/normalize/spaces.hpp"

#include <array>
#include <cstddef>
#include <limits>

#include "parsers/normalize/utf8.hpp"

namespace koubei::normalize {
namespace {

using Status = CountValue::Status;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::string_view kFullWidthComma = "\xEF\xBC\x8C";  // ，

struct Unit {
  std::string_view text;
  std::size_t exponent;  ///< the unit is 10^exponent
};

constexpr std::array<Unit, 7> kUnits = {{
    {"\xE4\xB8\x87", 4},  // 万
    {"w", 4},
    {"W", 4},
    {"\xE4\xBA\xBF", 8},  // 亿
    {"k", 3},
    {"K", 3},
    {"\xE5\x8D\x83", 3},  // 千
}};

struct Bracket {
  std::string_view open;
  std::string_view close;
};

constexpr std::array<Bracket, 4> kBrackets = {{
    {"(", ")"},
    {"[", "]"},
    {"\xEF\xBC\x88", "\xEF\xBC\x89"},  // （ ）
    {"\xE3\x80\x90", "\xE3\x80\x91"},  // 【 】
}};

CountValue make(Status status) { return CountValue{status, std::nullopt, false}; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool has_full_width_digit(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    if (s.substr(i, 2) == "\xEF\xBC" && s[i + 2] >= '\x90' && s[i + 2] <= '\x99') return true;
  }
  return false;
}

bool checked_mul_add(std::int64_t& acc, std::int64_t mul, std::int64_t add) {
  if (acc > (kMax - add) / mul) return false;
  acc = acc * mul + add;
  return true;
}

/// Reads digits with optional thousands separators starting at s[pos] (a digit). Commas must
/// separate groups of exactly three digits after a first group of one to three.
bool read_integer(std::string_view s, std::size_t& pos, std::int64_t& out) {
  std::size_t group = 0;
  bool grouped = false;
  while (pos < s.size()) {
    if (is_digit(s[pos])) {
      if (!checked_mul_add(out, 10, s[pos] - '0')) return false;
      ++group;
      ++pos;
      continue;
    }
    const std::size_t sep =
        s[pos] == ',' ? 1 : (s.substr(pos).starts_with(kFullWidthComma) ? 3 : 0);
    if (sep == 0 || pos + sep >= s.size() || !is_digit(s[pos + sep])) break;
    if (grouped ? group != 3 : group > 3) return false;
    grouped = true;
    group = 0;
    pos += sep;
  }
  return !grouped || group == 3;
}

/// Scales integer + "." fraction by 10^exponent exactly; false when the result is not a whole
/// number or overflows.
bool scale(std::int64_t& value, std::string_view fraction, std::size_t exponent) {
  for (std::size_t i = 0; i < exponent; ++i) {
    const std::int64_t digit = i < fraction.size() ? fraction[i] - '0' : 0;
    if (!checked_mul_add(value, 10, digit)) return false;
  }
  for (std::size_t i = exponent; i < fraction.size(); ++i) {
    if (fraction[i] != '0') return false;
  }
  return true;
}

/// Parses the number starting at s[pos] (a digit): integer, fraction, unit, "+". Advances pos.
bool read_number(std::string_view s, std::size_t& pos, CountValue& out) {
  std::int64_t value = 0;
  if (!read_integer(s, pos, value)) return false;
  std::string_view fraction;
  if (pos + 1 < s.size() && s[pos] == '.' && is_digit(s[pos + 1])) {
    const std::size_t start = ++pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    fraction = s.substr(start, pos - start);
  }
  std::size_t after = pos;
  while (const std::size_t n = space_at(s, after)) after += n;
  std::size_t exponent = 0;
  for (const Unit& unit : kUnits) {
    if (s.substr(after).starts_with(unit.text)) {
      exponent = unit.exponent;
      pos = after + unit.text.size();
      break;
    }
  }
  if (exponent == 0 && !fraction.empty()) return false;  // a count is a whole number
  if (!scale(value, fraction, exponent)) return false;
  out.capped = pos < s.size() && s[pos] == '+';
  if (out.capped) ++pos;
  out.value = value;
  out.status = Status::kNumber;
  return true;
}

/// The label before a number may not end in a sign, a letter or a separator ("-5", "12abc" read
/// backwards as "abc12", ".5"). Returns the closing bracket the rest must be, or "" for none.
std::optional<std::string_view> check_prefix(std::string_view prefix) {
  if (!prefix.empty()) {
    const char last = prefix.back();
    if (is_ascii_letter(last) || last == '.' || last == ',' || prefix.ends_with(kFullWidthComma)) {
      return std::nullopt;
    }
  }
  const std::string_view label = trim(prefix);
  if (label.ends_with('-') || label.ends_with('+') || label.ends_with("\xE2\x88\x92") ||
      label.ends_with("\xEF\xBC\x8D") || label.ends_with("\xEF\xBC\x8B")) {
    return std::nullopt;  // - + − － ＋
  }
  for (const Bracket& b : kBrackets) {
    if (label.ends_with(b.open)) return b.close;
  }
  return std::string_view{};
}

}  // namespace

CountValue parse_count(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty() || s == "-") return make(Status::kEmpty);
  std::size_t first = 0;
  while (first < s.size() && !is_digit(s[first])) ++first;
  if (first == s.size()) {
    const bool label = is_valid_utf8(s) && !has_full_width_digit(s);
    return make(label ? Status::kLabel : Status::kInvalid);
  }
  const std::optional<std::string_view> closer = check_prefix(s.substr(0, first));
  if (!closer) return make(Status::kInvalid);
  CountValue out;
  std::size_t pos = first;
  if (!read_number(s, pos, out)) return make(Status::kInvalid);
  if (trim(s.substr(pos)) != *closer) return make(Status::kInvalid);
  return out;
}

CountValue count_from_int(std::int64_t v) {
  if (v < 0) return make(Status::kInvalid);
  return CountValue{Status::kNumber, v, false};
}

}  // namespace koubei::normalize
