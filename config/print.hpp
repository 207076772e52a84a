#pragma once
// The effective configuration as TOML, with every secret masked: what `koubei check-config`
// prints. Every key appears with its effective value (defaults filled in), so an operator sees
// exactly what koubei will do. Cookies print as "***"; URLs and DSNs keep everything but their
// password ("redis://:***@127.0.0.1:6379/0").

#include <string>

#include "config/config.hpp"

namespace koubei::config {

std::string to_toml(const Config& config);

}  // namespace koubei::config
