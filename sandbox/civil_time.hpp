#pragma once
// Wall-clock pieces of a UTC millisecond time as the platforms show them: China Standard Time
// (UTC+8, no daylight saving), which every simulated platform uses for displayed times.
//
// Pure functions; thread-safe.

#include <cstdint>
#include <string>

namespace koubei::sandbox {

using Millis = std::int64_t;

struct Civil {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int weekday = 4;  ///< 0 = Sunday
};

/// The time in UTC+8.
Civil china_time(Millis t);

/// "Sun Nov 22 09:41:07 +0800 2026" (m.weibo.cn created_at).
std::string weibo_api_time(Millis t);

/// How s.weibo.com shows a time seen at `now`: 刚刚, N分钟前, 今天 HH:MM, MM月DD日 HH:MM,
/// YYYY年MM月DD日 HH:MM.
std::string weibo_html_time(Millis t, Millis now);

/// "2026-11-22 09:41" (Dianping span.time).
std::string minute_time(Millis t);

/// RFC 3339 UTC with milliseconds: "2026-11-22T01:41:07.000Z" (truth, stats).
std::string rfc3339(Millis t);

}  // namespace koubei::sandbox
