#include "scheduler/core/backfill_windows.hpp"

#include <algorithm>

namespace koubei::scheduler {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kBeijing = 8 * kHour;

// The next boundary of `step` (a day or an hour in Beijing time) strictly after t.
std::int64_t next_boundary(std::int64_t t, std::int64_t step) {
  std::int64_t local = t + kBeijing;
  std::int64_t floor = local - ((local % step) + step) % step;
  return floor + step - kBeijing;
}

// [since, until) cut at boundaries of `step`, newest first, appended to `out` front-to-back.
std::vector<TimeWindow> cut(std::int64_t since, std::int64_t until, std::int64_t step) {
  std::vector<TimeWindow> parts;
  for (std::int64_t start = since; start < until;) {
    std::int64_t end = std::min(next_boundary(start, step), until);
    parts.push_back({start, end});
    start = end;
  }
  std::reverse(parts.begin(), parts.end());
  return parts;
}

}  // namespace

BackfillWindows::BackfillWindows(std::int64_t since, std::int64_t until) {
  for (const auto& w : cut(since, until, kDay)) pending_.push_back(w);
}

std::optional<TimeWindow> BackfillWindows::next() const {
  if (pending_.empty()) return std::nullopt;
  return pending_.front();
}

void BackfillWindows::finished() {
  if (!pending_.empty()) pending_.pop_front();
}

void BackfillWindows::hit_cap() {
  if (pending_.empty()) return;
  TimeWindow w = pending_.front();
  pending_.pop_front();
  if (w.until - w.since <= kHour) {
    capped_.push_back(w);
    return;
  }
  auto hours = cut(w.since, w.until, kHour);
  for (auto it = hours.rbegin(); it != hours.rend(); ++it) pending_.push_front(*it);
}

}  // namespace koubei::scheduler
