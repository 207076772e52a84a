#include "sandbox/civil_time.hpp"

#include <chrono>
#include <cstdio>

namespace koubei::sandbox {
namespace {

constexpr Millis kChinaOffset = 8LL * 3600 * 1000;

Millis floor_div(Millis a, Millis b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

Civil utc_civil(Millis t) {
  using namespace std::chrono;
  const Millis day_ms = 86400000;
  const Millis days = floor_div(t, day_ms);
  const Millis rest = t - days * day_ms;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  Civil c;
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  c.hour = static_cast<int>(rest / 3600000);
  c.minute = static_cast<int>(rest / 60000 % 60);
  c.second = static_cast<int>(rest / 1000 % 60);
  c.weekday = static_cast<int>(weekday{sys_days{std::chrono::days{days}}}.c_encoding());
  return c;
}

}  // namespace

Civil china_time(Millis t) { return utc_civil(t + kChinaOffset); }

std::string weibo_api_time(Millis t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = china_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %s %02d %02d:%02d:%02d +0800 %04d", kDays[c.weekday],
                kMonths[c.month - 1], c.day, c.hour, c.minute, c.second, c.year);
  return buf;
}

std::string weibo_html_time(Millis t, Millis now) {
  const Millis age = now - t;
  char buf[64];
  if (age < 60000) return "刚刚";
  if (age < 3600000) {
    std::snprintf(buf, sizeof buf, "%lld分钟前", static_cast<long long>(age / 60000));
    return buf;
  }
  const Civil c = china_time(t);
  const Civil n = china_time(now);
  if (c.year == n.year && c.month == n.month && c.day == n.day) {
    std::snprintf(buf, sizeof buf, "今天 %02d:%02d", c.hour, c.minute);
  } else if (c.year == n.year) {
    std::snprintf(buf, sizeof buf, "%02d月%02d日 %02d:%02d", c.month, c.day, c.hour, c.minute);
  } else {
    std::snprintf(buf, sizeof buf, "%04d年%02d月%02d日 %02d:%02d", c.year, c.month, c.day, c.hour,
                  c.minute);
  }
  return buf;
}

std::string minute_time(Millis t) {
  const Civil c = china_time(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute);
  return buf;
}

std::string rfc3339(Millis t) {
  const Civil c = utc_civil(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                c.hour, c.minute, c.second, static_cast<int>(((t % 1000) + 1000) % 1000));
  return buf;
}

}  // namespace koubei::sandbox
