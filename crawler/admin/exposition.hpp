#pragma once
// The Prometheus text exposition format 0.0.4, the pieces of it the registry writes
// (https://prometheus.io/docs/instrumenting/exposition_formats/):
//
//   # HELP koubei_requests_total Requests sent (\\ and \n escaped)
//   # TYPE koubei_requests_total counter
//   koubei_requests_total{platform="weibo",status="200"} 6      <- label values: \\ \" \n escaped
//   koubei_fetch_seconds_bucket{platform="weibo",le="0.005"} 0  <- le: shortest round-trip float
//
// Pure functions, no state; names are validated here so the registry can refuse a bad one at
// registration (start-up) rather than emit text a scraper rejects.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace koubei::admin {

/// Label name → value pairs. Order does not matter: the registry sorts them by name.
using Labels = std::vector<std::pair<std::string, std::string>>;

namespace exposition {

/// [a-zA-Z_:][a-zA-Z0-9_:]*
bool valid_metric_name(std::string_view name);

/// [a-zA-Z_][a-zA-Z0-9_]* and not starting with "__" (reserved for Prometheus itself).
bool valid_label_name(std::string_view name);

/// A label value inside double quotes: backslash, double quote and line feed escaped.
void append_label_value(std::string& out, std::string_view value);

/// HELP text: backslash and line feed escaped (quotes stay as they are).
void append_help(std::string& out, std::string_view help);

/// A sample value: "+Inf", "-Inf", "NaN", or the shortest text that reads back as `v`.
void append_value(std::string& out, double v);
void append_value(std::string& out, std::uint64_t v);

/// `name="value",name="value"` for labels already sorted by name (no braces).
std::string label_text(const Labels& sorted_labels);

}  // namespace exposition
}  // namespace koubei::admin
