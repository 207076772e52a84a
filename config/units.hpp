#pragma once
// Textual units used in koubei's configuration: durations ("30s", "1h30m", "30d"), rates ("2/s",
// "100/h"), and sizes ("8MiB", "512KiB", "1GB"). Parsing returns std::nullopt with nothing else:
// the loader turns that into a located error with the expected form.
//
// Pure functions; thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::config {

using Duration = std::chrono::milliseconds;

/// One or more <number><unit> groups, units ms, s, m, h, d, w: "500ms", "1h30m", "30d". A bare "0"
/// is zero. Fractions are allowed on a single group ("1.5s"). Negative values are rejected.
std::optional<Duration> parse_duration(std::string_view text);

/// The shortest exact form: 90000ms → "1m30s", 0 → "0s".
std::string format_duration(Duration d);

/// A token-bucket rate: `count` events per `period`.
struct Rate {
  double count = 0;
  Duration period{1000};

  double per_second() const {
    return period.count() == 0 ? 0 : count * 1000.0 / static_cast<double>(period.count());
  }
  friend bool operator==(const Rate&, const Rate&) = default;
};

/// "<number>/<unit>" or "<number>/<duration>": "2/s", "0.5/s", "30/m", "100/h", "1000/d",
/// "1/10s". The count must be positive.
std::optional<Rate> parse_rate(std::string_view text);
std::string format_rate(const Rate& r);

/// "<integer>[B|KiB|MiB|GiB|KB|MB|GB]"; a bare integer is bytes. KiB=1024, KB=1000.
std::optional<std::uint64_t> parse_size(std::string_view text);

/// The largest exact binary unit: 8388608 → "8MiB", 1000 → "1000B".
std::string format_size(std::uint64_t bytes);

}  // namespace koubei::config
