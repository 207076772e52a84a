#include "crawler/time_arg.hpp"

#include "config/units.hpp"
#include "parsers/model/timestamp.hpp"

namespace koubei::cli {

std::optional<model::Timestamp> parse_time_arg(std::string_view text, model::Timestamp now) {
  using namespace std::chrono;
  if (text.starts_with('-')) {
    const auto ago = config::parse_duration(text.substr(1));
    if (!ago || ago->count() == 0) return std::nullopt;
    return now - *ago;
  }
  if (text.size() == 10) {
    // YYYY-MM-DD at 00:00 in Shanghai.
    return model::parse_rfc3339(std::string(text) + "T00:00:00+08:00");
  }
  return model::parse_rfc3339(text);
}

}  // namespace koubei::cli
