#include "config/json_string.hpp"

#include "config/utf8.hpp"

namespace koubei::text {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void append_json_string(std::string_view s, std::string& out) {
  out.push_back('"');
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c >= 0x80) {
      const std::size_t start = pos;
      const char32_t cp = decode_utf8(s, pos);
      if (cp == kReplacementChar) {
        append_utf8(out, cp);
      } else {
        out.append(s.substr(start, pos - start));
      }
      continue;
    }
    ++pos;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

}  // namespace koubei::text
