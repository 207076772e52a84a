#include "config/env_expand.hpp"

#include <cstdlib>

namespace koubei::config {
namespace {

bool name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Expanded expand_env(std::string_view text, const EnvLookup& env) {
  Expanded out;
  out.value.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != '$' || i + 1 >= text.size()) {
      out.value.push_back(c);
      ++i;
      continue;
    }
    if (text[i + 1] == '$') {
      out.value.push_back('$');
      i += 2;
      continue;
    }
    if (text[i + 1] != '{') {
      out.value.push_back(c);
      ++i;
      continue;
    }
    const auto close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.error = "unterminated ${ at offset " + std::to_string(i) + " (write $$ for a literal $)";
      return out;
    }
    const std::string_view body = text.substr(i + 2, close - i - 2);
    const auto sep = body.find(":-");
    const std::string_view name = body.substr(0, sep);
    bool valid = !name.empty() && name_start(name[0]);
    for (char n : name) valid = valid && name_char(n);
    if (!valid) {
      out.error = "invalid environment variable name \"" + std::string(name) + "\"";
      return out;
    }
    auto value = env(name);
    out.used_env = true;
    if (sep != std::string_view::npos && (!value || value->empty())) {
      value = std::string(body.substr(sep + 2));
    }
    if (!value) {
      out.error = "environment variable " + std::string(name) +
                  " is not set (write ${" + std::string(name) + ":-} to make it optional)";
      return out;
    }
    out.value += *value;
    i = close + 1;
  }
  return out;
}

}  // namespace koubei::config
