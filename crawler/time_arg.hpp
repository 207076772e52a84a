#pragma once
// TIME arguments of the command line (cli.md): "2026-11-01" (midnight Asia/Shanghai, the
// platforms' wall clock), "2026-11-01T08:00:00+08:00" (RFC 3339), and relative "-7d", "-12h",
// "-30m" (before now).

#include <optional>
#include <string_view>

#include "parsers/model/mention.hpp"

namespace koubei::cli {

std::optional<model::Timestamp> parse_time_arg(std::string_view text, model::Timestamp now);

}  // namespace koubei::cli
