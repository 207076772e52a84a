#pragma once
// ASCII character tests shared by the Dianping string scanners (tag names, class tokens, ids,
// hosts). Bytes outside ASCII are never letters, digits or id characters here.

#include <algorithm>
#include <string_view>

namespace koubei::parsers::dianping {

inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

inline bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

inline bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}

/// Letters, digits, '_' and '-': the characters of Dianping ids and of class names.
inline bool is_id_char(char c) {
  return is_ascii_alnum(c) || c == '_' || c == '-';
}

/// A non-empty run of id characters.
inline bool is_id(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_id_char);
}

/// a equals lower_b ignoring ASCII case. REQUIRES: lower_b is lower-case.
inline bool iequals(std::string_view a, std::string_view lower_b) {
  return a.size() == lower_b.size() &&
         std::equal(a.begin(), a.end(), lower_b.begin(), [](char x, char y) {
           return ascii_lower(x) == y;
         });
}

}  // namespace koubei::parsers::dianping
