#include "parsers/model/created_bounds.hpp"

namespace koubei::model {

std::int64_t precision_ms(Precision p) {
  switch (p) {
    case Precision::kSecond:
      return 1000;
    case Precision::kMinute:
      return 60 * 1000;
    case Precision::kDay:
      return 24 * 3600 * 1000;
  }
  return 24 * 3600 * 1000;
}

std::optional<CreatedBounds> created_bounds(const Mention& m) {
  if (!m.created_at) return std::nullopt;
  const std::int64_t at = m.created_at->time_since_epoch().count();
  const std::int64_t unit = precision_ms(m.created_at_precision.value_or(Precision::kDay));
  return CreatedBounds{at - unit + 1, at + unit - 1};
}

bool may_lie_in(const Mention& m, std::int64_t since_ms, std::int64_t until_ms) {
  const auto b = created_bounds(m);
  if (!b) return true;
  return b->latest_ms >= since_ms && (until_ms == 0 || b->earliest_ms < until_ms);
}

}  // namespace koubei::model
