#pragma once
// The whitespace the platforms put around values: ASCII space and control whitespace, U+00A0
// (no-break space, from &nbsp;) and U+3000 (ideographic space). Shared by the normalizers.

#include <cstddef>
#include <string_view>

namespace koubei::normalize {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Byte length of the space character starting at s[i], or 0 (also when i is past the end).
inline std::size_t space_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (is_ascii_space(s[i])) return 1;
  const std::string_view rest = s.substr(i);
  if (rest.starts_with("\xC2\xA0")) return 2;
  if (rest.starts_with("\xE3\x80\x80")) return 3;
  return 0;
}

/// Byte length of the space character that ends s, or 0.
inline std::size_t space_before(std::string_view s) {
  if (!s.empty() && is_ascii_space(s.back())) return 1;
  if (s.ends_with("\xC2\xA0")) return 2;
  if (s.ends_with("\xE3\x80\x80")) return 3;
  return 0;
}

/// s without leading and trailing spaces (a view into s).
inline std::string_view trim(std::string_view s) {
  while (const std::size_t n = space_at(s, 0)) s.remove_prefix(n);
  while (const std::size_t n = space_before(s)) s.remove_suffix(n);
  return s;
}

}  // namespace koubei::normalize
