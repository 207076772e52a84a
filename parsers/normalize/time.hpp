#pragma once
// Publication times as the platforms display them, converted to UTC with an honest precision.
//
// Contract: pure functions over untrusted bytes; no clock (the fetch time is the `now` parameter),
// no tzdata, no exceptions, no allocation. The platforms' wall clock is Asia/Shanghai, a fixed
// UTC+08:00 (China has had no DST since 1991). Anything not recognised in full is std::nullopt:
// parse_time never skips trailing text; strip_time_suffix is the one explicit exception.
//
// Accepted forms (after trimming spaces: ASCII, U+00A0, U+3000) and the precision claimed:
//   "Sun Nov 22 10:00:00 +0800 2026"   Weibo JSON, offset honoured; the         second
//                                      weekday must be a valid name but is not checked against
//                                      the date
//   "刚刚"                              now                                      minute
//   "30秒前"                            now - 30 s                               second
//   "5分钟前"                           now - 5 min                              minute
//   "2小时前"                           now - 2 h                                day (*)
//   "3天前"                             now - 3 days                             day (*)
//   "今天 08:30" "昨天12:30" "前天 12:30"  that Shanghai date (relative to now)    minute
//   "今天" "昨天" "前天"                  00:00 of that Shanghai date              day
//   "11月20日 08:00" / "11月20日"        year-less (**)                          minute / day
//   "2025年11月20日 08:00" / "…日"      Shanghai time                           minute / day
//   "11-20 08:00" / "11-20"             year-less (**), also "11/20"            minute / day
//   "2025-11-20[ 08:00[:00]]"           also "2025/11/20"; seconds give         day/minute/second
//   9-10 digits / 12-13 digits          epoch seconds / milliseconds             second
//   RFC 3339 with an offset             (model::parse_rfc3339)                   second
// Every "H:MM" above also accepts "H:MM:SS", which then claims second precision.
// (*) The precision enum has no hour, and a record never claims more precision than its page gave,
//     so hour- and day-relative times are marked day while keeping the best point estimate
//     now - N (not midnight). Relative results use now truncated to whole seconds.
// (**) A year-less date takes now's Shanghai year; if that puts it more than one day after now,
//     the previous year. A date that does not exist in the chosen year (02-29) is std::nullopt.
// Day precision results from absolute dates are 00:00 Shanghai time of that date (16:00 UTC of
// the day before). Ranges are validated: month 1-12, day valid for the month, hour < 24,
// minute < 60, second < 60.
//
// Thread safety: stateless.

#include <cstdint>
#include <optional>
#include <string_view>

#include "parsers/model/mention.hpp"

namespace koubei::normalize {

struct ParsedTime {
  model::Timestamp at;
  model::Precision precision = model::Precision::kSecond;
};

/// Parses a displayed publication time; std::nullopt when the whole text is not one of the forms
/// listed above. REQUIRES nothing of `now`, but returns std::nullopt when `now` lies outside the
/// years 1900-9999 (a broken clock, not a page).
std::optional<ParsedTime> parse_time(std::string_view text, model::Timestamp now);

/// An epoch value from JSON: >= 1e11 is milliseconds (XHS `time`), otherwise seconds (Douyin
/// `create_time`). Precision second. std::nullopt for v <= 0 (platforms send 0 for "unknown") and
/// for values after year 9999.
std::optional<ParsedTime> from_epoch(std::int64_t v);

/// Cuts the decorations around a time shown in HTML, so the result can go to parse_time: a leading
/// "编辑于" (XHS "编辑于 3天前") and everything from " 来自" or U+00A0 "来自" (weibo.cn
/// "01月10日 12:43 来自iPhone客户端"). Trims spaces. Returns a view into `text`.
std::string_view strip_time_suffix(std::string_view text);

}  // namespace koubei::normalize
