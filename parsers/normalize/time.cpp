#include "parsers/normalize/time.hpp"
#include "parsers/normalize/spaces.hpp"

#include <array>
#include <chrono>
#include <cstddef>

#include "parsers/model/timestamp.hpp"

namespace koubei::normalize {
namespace {

namespace chr = std::chrono;
using model::Precision;
using model::Timestamp;

constexpr chr::hours kShanghaiOffset{8};
constexpr chr::sys_days kMinNow{chr::year{1900} / 1 / 1};
constexpr chr::sys_days kMaxNow{chr::year{9999} / 12 / 31};
constexpr std::int64_t kMaxEpochMillis = 253402300799999;  // 9999-12-31T23:59:59.999Z

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// A forward-only reader over the text being parsed; every method fails without advancing.
struct Cursor {
  std::string_view s;
  std::size_t pos = 0;

  bool done() const { return pos == s.size(); }

  bool eat(std::string_view literal) {
    if (!s.substr(pos).starts_with(literal)) return false;
    pos += literal.size();
    return true;
  }

  /// Reads between min and max ASCII digits (greedy); fails if more follow.
  bool number(std::size_t min, std::size_t max, int& out) {
    std::size_t n = 0;
    int v = 0;
    while (pos + n < s.size() && s[pos + n] >= '0' && s[pos + n] <= '9') {
      if (++n > max) return false;
      v = v * 10 + (s[pos + n - 1] - '0');
    }
    if (n < min) return false;
    pos += n;
    out = v;
    return true;
  }

  /// Reads exactly n ASCII digits, whatever follows them.
  bool fixed(std::size_t n, int& out) {
    Cursor part{s.substr(0, pos + n), pos};
    if (pos + n > s.size() || !part.number(n, n, out)) return false;
    pos += n;
    return true;
  }

  /// Skips spaces; fails if fewer than min were present.
  bool spaces(std::size_t min) {
    std::size_t n = 0;
    while (const std::size_t len = space_at(s, pos)) {
      pos += len;
      ++n;
    }
    return n >= min;
  }

  /// Matches one of the words and returns its index.
  template <std::size_t N>
  bool word(const std::array<std::string_view, N>& words, std::size_t& index) {
    for (std::size_t i = 0; i < N; ++i) {
      if (eat(words[i])) {
        index = i;
        return true;
      }
    }
    return false;
  }
};

struct Clock {
  chr::seconds since_midnight{0};
  bool has_seconds = false;
};

/// "H:MM" or "H:MM:SS" (hour one or two digits).
std::optional<Clock> read_clock(Cursor& c, std::size_t hour_digits_min) {
  int h = 0;
  int m = 0;
  int s = 0;
  if (!c.number(hour_digits_min, 2, h) || !c.eat(":") || !c.number(2, 2, m)) return std::nullopt;
  const bool has_seconds = c.eat(":");
  if (has_seconds && !c.number(2, 2, s)) return std::nullopt;
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  return Clock{chr::hours{h} + chr::minutes{m} + chr::seconds{s}, has_seconds};
}

chr::sys_days shanghai_day(Timestamp t) { return chr::floor<chr::days>(t + kShanghaiOffset); }

/// The UTC instant of a Shanghai wall-clock date and time; nullopt for an invalid date.
std::optional<Timestamp> from_shanghai(chr::year y, int m, int d, chr::seconds since_midnight) {
  const chr::year_month_day ymd{y, chr::month{static_cast<unsigned>(m)},
                                chr::day{static_cast<unsigned>(d)}};
  if (m < 1 || m > 12 || d < 1 || !ymd.ok()) return std::nullopt;
  return Timestamp{chr::sys_days{ymd} + since_midnight - kShanghaiOffset};
}

/// After a date: end of text (day precision) or `min_spaces` spaces and a clock.
std::optional<ParsedTime> finish_date(Cursor& c, std::optional<chr::year> y, int m, int d,
                                      std::size_t min_spaces, Timestamp now) {
  Clock clock;
  Precision precision = Precision::kDay;
  if (!c.done()) {
    const std::optional<Clock> read = c.spaces(min_spaces) ? read_clock(c, 1) : std::nullopt;
    if (!read || !c.done()) return std::nullopt;
    clock = *read;
    precision = clock.has_seconds ? Precision::kSecond : Precision::kMinute;
  }
  if (y) {
    const std::optional<Timestamp> at = from_shanghai(*y, m, d, clock.since_midnight);
    if (!at) return std::nullopt;
    return ParsedTime{*at, precision};
  }
  const chr::year this_year = chr::year_month_day{shanghai_day(now)}.year();
  std::optional<Timestamp> at = from_shanghai(this_year, m, d, clock.since_midnight);
  if (at && *at - now > chr::days{1}) {
    at = from_shanghai(this_year - chr::years{1}, m, d, clock.since_midnight);
  }
  if (!at) return std::nullopt;
  return ParsedTime{*at, precision};
}

/// "30秒前", "5分钟前", "2小时前", "3天前".
std::optional<ParsedTime> parse_relative(std::string_view s, Timestamp now) {
  Cursor c{s};
  int n = 0;
  if (!c.number(1, 6, n)) return std::nullopt;
  const Timestamp base = chr::floor<chr::seconds>(now);
  std::optional<ParsedTime> out;
  if (c.eat("秒")) {
    out = ParsedTime{base - chr::seconds{n}, Precision::kSecond};
  } else if (c.eat("分钟")) {
    out = ParsedTime{base - chr::minutes{n}, Precision::kMinute};
  } else if (c.eat("小时")) {
    out = ParsedTime{base - chr::hours{n}, Precision::kDay};
  } else if (c.eat("天")) {
    out = ParsedTime{base - chr::days{n}, Precision::kDay};
  }
  if (!out || !c.eat("前") || !c.done()) return std::nullopt;
  return out;
}

/// "今天 08:30", "昨天12:30", "前天", relative to now's Shanghai date.
std::optional<ParsedTime> parse_day_word(std::string_view s, Timestamp now) {
  static constexpr std::array<std::string_view, 3> kWords = {"今天", "昨天", "前天"};
  Cursor c{s};
  std::size_t back = 0;
  if (!c.word(kWords, back)) return std::nullopt;
  const chr::year_month_day ymd{shanghai_day(now) - chr::days{back}};
  return finish_date(c, ymd.year(), static_cast<int>(static_cast<unsigned>(ymd.month())),
                     static_cast<int>(static_cast<unsigned>(ymd.day())), 0, now);
}

/// "2025年11月20日 08:00", "11月20日", …
std::optional<ParsedTime> parse_cjk_date(std::string_view s, Timestamp now) {
  Cursor c{s};
  std::optional<chr::year> y;
  int first = 0;
  if (!c.number(1, 4, first)) return std::nullopt;
  int m = first;
  if (c.pos == 4) {
    if (!c.eat("年") || !c.number(1, 2, m)) return std::nullopt;
    y = chr::year{first};
  } else if (c.pos > 2) {
    return std::nullopt;
  }
  int d = 0;
  if (!c.eat("月") || !c.number(1, 2, d) || !c.eat("日")) return std::nullopt;
  return finish_date(c, y, m, d, 0, now);
}

/// "2025-11-20 08:00:00", "11-20", "2025/11/20", …
std::optional<ParsedTime> parse_numeric_date(std::string_view s, Timestamp now) {
  Cursor c{s};
  int first = 0;
  if (!c.number(1, 4, first)) return std::nullopt;
  const std::string_view sep = c.pos < s.size() && s[c.pos] == '/' ? "/" : "-";
  std::optional<chr::year> y;
  int m = first;
  if (c.pos == 4) {
    if (!c.eat(sep) || !c.number(1, 2, m)) return std::nullopt;
    y = chr::year{first};
  } else if (c.pos > 2) {
    return std::nullopt;
  }
  int d = 0;
  if (!c.eat(sep) || !c.number(1, 2, d)) return std::nullopt;
  return finish_date(c, y, m, d, 1, now);
}

/// "Sun Nov 22 10:00:00 +0800 2026" (strptime "%a %b %d %H:%M:%S %z %Y").
std::optional<ParsedTime> parse_weibo(std::string_view s) {
  Cursor c{s};
  std::size_t weekday = 0;
  std::size_t month = 0;
  int d = 0;
  int oh = 0;
  int om = 0;
  int y = 0;
  if (!c.word(kWeekdays, weekday) || !c.eat(" ") || !c.word(kMonths, month) || !c.eat(" ") ||
      !c.number(1, 2, d) || !c.eat(" ")) {
    return std::nullopt;
  }
  const std::optional<Clock> clock = read_clock(c, 2);
  if (!clock || !clock->has_seconds || !c.eat(" ")) return std::nullopt;
  const bool negative = c.eat("-");
  if ((!negative && !c.eat("+")) || !c.fixed(2, oh) || !c.fixed(2, om) || om > 59 ||
      !c.eat(" ") || !c.number(4, 4, y) || !c.done()) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(month + 1)},
                                chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  const chr::minutes offset{(oh * 60 + om) * (negative ? -1 : 1)};
  return ParsedTime{Timestamp{chr::sys_days{ymd} + clock->since_midnight - offset},
                    Precision::kSecond};
}

/// 9-10 digits (seconds) or 12-13 digits (milliseconds).
std::optional<ParsedTime> parse_epoch_text(std::string_view s) {
  const std::size_t n = s.size();
  if (n != 9 && n != 10 && n != 12 && n != 13) return std::nullopt;
  std::int64_t v = 0;
  for (const char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return from_epoch(v);
}

}  // namespace

std::optional<ParsedTime> parse_time(std::string_view text, Timestamp now) {
  if (now < kMinNow || now > kMaxNow) return std::nullopt;
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  if (s == "刚刚") return ParsedTime{chr::floor<chr::seconds>(now), Precision::kMinute};
  if (auto r = parse_relative(s, now)) return r;
  if (auto r = parse_day_word(s, now)) return r;
  if (auto r = parse_cjk_date(s, now)) return r;
  if (auto r = parse_numeric_date(s, now)) return r;
  if (auto r = parse_weibo(s)) return r;
  if (auto r = parse_epoch_text(s)) return r;
  if (auto at = model::parse_rfc3339(s)) return ParsedTime{*at, Precision::kSecond};
  return std::nullopt;
}

std::optional<ParsedTime> from_epoch(std::int64_t v) {
  constexpr std::int64_t kMillisThreshold = 100'000'000'000;  // 1e11
  if (v <= 0) return std::nullopt;
  if (v < kMillisThreshold) return ParsedTime{Timestamp{chr::seconds{v}}, Precision::kSecond};
  if (v > kMaxEpochMillis) return std::nullopt;
  return ParsedTime{Timestamp{chr::milliseconds{v}}, Precision::kSecond};
}

std::string_view strip_time_suffix(std::string_view text) {
  std::string_view s = trim(text);
  if (s.starts_with("编辑于")) s = trim(s.substr(std::string_view("编辑于").size()));
  for (const std::string_view marker : {std::string_view(" 来自"), std::string_view("\xC2\xA0来自")}) {
    const std::size_t at = s.find(marker);
    if (at != std::string_view::npos) s = s.substr(0, at);
  }
  return trim(s);
}

}  // namespace koubei::normalize
