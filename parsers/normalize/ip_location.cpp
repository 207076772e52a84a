#include "parsers/normalize/ip_location.hpp"
#include "parsers/normalize/spaces.hpp"

#include <array>
#include <cstddef>

#include "parsers/normalize/utf8.hpp"

namespace koubei::normalize {
namespace {

// "IP属地" is listed after its punctuated forms so that "IP属地：" loses its colon too.
constexpr std::array<std::string_view, 5> kPrefixes = {
    "发布于", "来自", "IP属地：", "IP属地:", "IP属地"};

/// Removes one known prefix; false when none matches.
bool strip_prefix(std::string_view& s) {
  for (const std::string_view prefix : kPrefixes) {
    if (s.starts_with(prefix)) {
      s = trim(s.substr(prefix.size()));
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> normalize_ip_location(std::string_view text) {
  std::string_view s = trim(text);
  while (strip_prefix(s)) {
  }
  if (s.empty() || s == "未知") return std::nullopt;
  return sanitize_utf8(s);
}

}  // namespace koubei::normalize
