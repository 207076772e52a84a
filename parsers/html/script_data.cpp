#include "parsers/html/script_data.hpp"

namespace koubei::parsers::html {
namespace {

bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

// Index just past the string literal that starts at s[i] (a quote), or s.size() if unterminated.
std::size_t skip_string(std::string_view s, std::size_t i) {
  const char quote = s[i];
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == quote) {
      return i + 1;
    }
  }
  return s.size();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool iequals_at(std::string_view s, std::size_t pos, std::string_view word) {
  if (pos + word.size() > s.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = s[pos + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string_view> find_js_value(std::string_view page, std::string_view marker) {
  const auto at = page.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t start = at + marker.size();
  while (start < page.size() && (page[start] == ' ' || page[start] == '\t' || page[start] == '\n' ||
                                 page[start] == '\r')) {
    ++start;
  }
  if (start >= page.size() || (page[start] != '{' && page[start] != '[')) return std::nullopt;
  // One counter suffices: JSON-like values close brackets in order, and a mismatch only makes
  // the value invalid JSON, which simdjson reports.
  int depth = 0;
  for (std::size_t i = start; i < page.size();) {
    const char c = page[i];
    if (c == '"' || c == '\'') {
      i = skip_string(page, i);
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') {
      if (--depth == 0) return page.substr(start, i + 1 - start);
    }
    ++i;
  }
  return std::nullopt;
}

std::string js_to_json(std::string_view js) {
  static constexpr std::string_view kUndefined = "undefined";
  std::string out;
  out.reserve(js.size());
  for (std::size_t i = 0; i < js.size();) {
    const char c = js[i];
    if (c == '"' || c == '\'') {
      const std::size_t end = skip_string(js, i);
      out.append(js.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == 'u' && js.substr(i, kUndefined.size()) == kUndefined &&
        (i == 0 || !is_ident(js[i - 1])) &&
        (i + kUndefined.size() == js.size() || !is_ident(js[i + kUndefined.size()]))) {
      out.append("null");
      i += kUndefined.size();
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::optional<std::string_view> script_by_id(std::string_view page, std::string_view id) {
  std::size_t pos = 0;
  while ((pos = page.find("<script", pos)) != std::string_view::npos) {
    const auto tag_end = page.find('>', pos);
    if (tag_end == std::string_view::npos) return std::nullopt;
    const std::string_view tag = page.substr(pos, tag_end - pos);
    for (char quote : {'"', '\''}) {
      const std::string attr = std::string("id=") + quote + std::string(id) + quote;
      if (tag.find(attr) == std::string_view::npos) continue;
      std::size_t close = tag_end + 1;
      while (close < page.size() && !(page[close] == '<' && iequals_at(page, close, "</script"))) {
        ++close;
      }
      if (close >= page.size()) return std::nullopt;
      return page.substr(tag_end + 1, close - tag_end - 1);
    }
    pos = tag_end;
  }
  return std::nullopt;
}

std::string url_decode(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%') {
      const int hi = i + 1 < encoded.size() ? hex_value(encoded[i + 1]) : -1;
      const int lo = i + 2 < encoded.size() ? hex_value(encoded[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(encoded[i]);
  }
  return out;
}

}  // namespace koubei::parsers::html
