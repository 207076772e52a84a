#include "config/units.hpp"

#include <charconv>
#include <cmath>

namespace koubei::config {
namespace {

// Reads a non-negative decimal number at the start of s ("12", "1.5"); advances s past it.
std::optional<double> take_number(std::string_view& s) {
  std::size_t i = 0;
  bool digits = false;
  bool dot = false;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !dot))) {
    if (s[i] == '.') {
      dot = true;
    } else {
      digits = true;
    }
    ++i;
  }
  if (!digits) return std::nullopt;
  double value = 0;
  const auto r = std::from_chars(s.data(), s.data() + i, value);
  if (r.ec != std::errc() || r.ptr != s.data() + i) return std::nullopt;
  s.remove_prefix(i);
  return value;
}

std::optional<double> unit_millis(std::string_view unit) {
  if (unit == "ms") return 1.0;
  if (unit == "s") return 1e3;
  if (unit == "m") return 60e3;
  if (unit == "h") return 3600e3;
  if (unit == "d") return 86400e3;
  if (unit == "w") return 7 * 86400e3;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string format_number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  std::string_view s = trim(text);
  if (s == "0") return Duration{0};
  double total = 0;
  int groups = 0;
  bool fractional = false;
  while (!s.empty()) {
    const auto number = take_number(s);
    if (!number) return std::nullopt;
    std::size_t u = 0;
    while (u < s.size() && s[u] >= 'a' && s[u] <= 'z') ++u;
    const auto millis = unit_millis(s.substr(0, u));
    if (!millis) return std::nullopt;
    s.remove_prefix(u);
    fractional = fractional || *number != std::floor(*number);
    total += *number * *millis;
    ++groups;
  }
  if (groups == 0 || (fractional && groups > 1) || total > 1e15) return std::nullopt;
  return Duration{static_cast<Duration::rep>(std::llround(total))};
}

std::string format_duration(Duration d) {
  auto ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  struct Unit {
    long long millis;
    const char* name;
  };
  constexpr Unit kUnits[] = {{86400000, "d"}, {3600000, "h"}, {60000, "m"}, {1000, "s"}, {1, "ms"}};
  for (const Unit& u : kUnits) {
    if (ms >= u.millis) {
      out += std::to_string(ms / u.millis) + u.name;
      ms %= u.millis;
    }
  }
  return out;
}

std::optional<Rate> parse_rate(std::string_view text) {
  std::string_view s = trim(text);
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view count_text = trim(s.substr(0, slash));
  const auto count = take_number(count_text);
  if (!count || !count_text.empty() || *count <= 0) return std::nullopt;
  std::string_view period_text = trim(s.substr(slash + 1));
  // "2/s" means per one second: a bare unit is one of it.
  std::optional<Duration> period;
  if (const auto unit = unit_millis(period_text)) {
    period = Duration{static_cast<Duration::rep>(*unit)};
  } else {
    period = parse_duration(period_text);
  }
  if (!period || period->count() <= 0) return std::nullopt;
  return Rate{*count, *period};
}

std::string format_rate(const Rate& r) {
  const std::string period = format_duration(r.period);
  const bool single = period == "1s" || period == "1m" || period == "1h" || period == "1d";
  return format_number(r.count) + "/" + (single ? period.substr(1) : period);
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  std::string_view s = trim(text);
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0) return std::nullopt;
  std::uint64_t value = 0;
  const auto r = std::from_chars(s.data(), s.data() + i, value);
  if (r.ec != std::errc()) return std::nullopt;
  const std::string_view unit = trim(s.substr(i));
  std::uint64_t multiplier = 0;
  if (unit.empty() || unit == "B") multiplier = 1;
  if (unit == "KiB") multiplier = 1ULL << 10;
  if (unit == "MiB") multiplier = 1ULL << 20;
  if (unit == "GiB") multiplier = 1ULL << 30;
  if (unit == "KB") multiplier = 1000ULL;
  if (unit == "MB") multiplier = 1000ULL * 1000;
  if (unit == "GB") multiplier = 1000ULL * 1000 * 1000;
  if (multiplier == 0 || value > UINT64_MAX / multiplier) return std::nullopt;
  return value * multiplier;
}

std::string format_size(std::uint64_t bytes) {
  if (bytes != 0 && bytes % (1ULL << 30) == 0) return std::to_string(bytes >> 30) + "GiB";
  if (bytes != 0 && bytes % (1ULL << 20) == 0) return std::to_string(bytes >> 20) + "MiB";
  if (bytes != 0 && bytes % (1ULL << 10) == 0) return std::to_string(bytes >> 10) + "KiB";
  return std::to_string(bytes) + "B";
}

}  // namespace koubei::config
