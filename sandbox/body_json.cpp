#include "sandbox/body_json.hpp"

#include <simdjson.h>

namespace koubei::sandbox {

std::optional<std::string> body_field(std::string_view body, std::string_view key) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return std::nullopt;
  simdjson::ondemand::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) return std::nullopt;
  for (auto field : obj) {
    std::string_view k;
    if (field.unescaped_key().get(k) != simdjson::SUCCESS) return std::nullopt;
    if (k != key) continue;
    simdjson::ondemand::value v;
    if (field.value().get(v) != simdjson::SUCCESS) return std::nullopt;
    std::string_view s;
    if (v.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
    std::string_view raw = v.raw_json_token();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n')) raw.remove_suffix(1);
    return std::string(raw);
  }
  return std::nullopt;
}

}  // namespace koubei::sandbox
