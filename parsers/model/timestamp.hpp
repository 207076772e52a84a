#pragma once
// RFC 3339 text for record timestamps (always UTC, always "Z").

#include <optional>
#include <string>
#include <string_view>

#include "parsers/model/mention.hpp"

namespace koubei::model {

/// "2026-11-22T02:00:00Z"; with with_millis, "2026-11-22T02:00:00.000Z". When with_millis is false
/// and the timestamp has a non-zero millisecond part, the milliseconds are written anyway (never
/// silently dropped).
std::string format_rfc3339(Timestamp t, bool with_millis = false);

/// Parses "YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)" into UTC. Fractions beyond milliseconds are
/// truncated. std::nullopt for anything else.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

}  // namespace koubei::model
