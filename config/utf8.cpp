#include "config/utf8.hpp"

#include <cstdint>

namespace koubei::text {

char32_t decode_utf8(std::string_view in, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(in[i]); };
  const std::uint8_t b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int length = 0;
  char32_t cp = 0;
  // Bounds of the second byte per Unicode Table 3-7 (excludes overlongs and surrogates).
  std::uint8_t lo = 0x80;
  std::uint8_t hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++pos;
    return kReplacementChar;
  }
  std::size_t i = pos + 1;
  for (int k = 1; k < length; ++k, ++i) {
    if (i >= in.size()) {
      pos = i;
      return kReplacementChar;
    }
    const std::uint8_t b = byte(i);
    const std::uint8_t min = (k == 1) ? lo : 0x80;
    const std::uint8_t max = (k == 1) ? hi : 0xBF;
    if (b < min || b > max) {
      pos = i;  // the offending byte starts the next sequence
      return kReplacementChar;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos = i;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_valid_utf8(std::string_view in) {
  std::size_t pos = 0;
  while (pos < in.size()) {
    const std::size_t start = pos;
    if (decode_utf8(in, pos) == kReplacementChar) {
      // A literal U+FFFD in the input (EF BF BD) is valid; only a substitution is not.
      if (pos - start != 3 || in.substr(start, 3) != "\xEF\xBF\xBD") return false;
    }
  }
  return true;
}

std::string sanitize_utf8(std::string_view in) {
  if (is_valid_utf8(in)) return std::string(in);
  std::string out;
  out.reserve(in.size() + 8);
  std::size_t pos = 0;
  while (pos < in.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(in, pos);
    if (cp < 0x80 || cp == kReplacementChar) {
      append_utf8(out, cp);
    } else {
      out.append(in.substr(start, pos - start));
    }
  }
  return out;
}

}  // namespace koubei::text
