#include "parsers/json/fields.hpp"

#include <charconv>

namespace koubei::parsers::json {

std::optional<element> get(element e, std::string_view key) {
  object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return std::nullopt;
  element value;
  if (obj.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

std::optional<element> at_path(element e, std::string_view dotted) {
  std::optional<element> current = e;
  while (current && !dotted.empty()) {
    const auto dot = dotted.find('.');
    current = get(*current, dotted.substr(0, dot));
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  return current;
}

std::optional<object> get_object(element e, std::string_view key) {
  const auto v = get(e, key);
  object obj;
  if (!v || v->get_object().get(obj) != simdjson::SUCCESS) return std::nullopt;
  return obj;
}

std::optional<array> get_array(element e, std::string_view key) {
  const auto v = get(e, key);
  array arr;
  if (!v || v->get_array().get(arr) != simdjson::SUCCESS) return std::nullopt;
  return arr;
}

std::optional<std::string_view> get_string(element e, std::string_view key) {
  const auto v = get(e, key);
  std::string_view s;
  if (!v || v->get_string().get(s) != simdjson::SUCCESS) return std::nullopt;
  return s;
}

std::optional<std::string> get_text(element e, std::string_view key) {
  const auto s = get_string(e, key);
  if (!s || s->empty()) return std::nullopt;
  return std::string(*s);
}

std::optional<std::string> get_id(element e, std::string_view key) {
  const auto v = get(e, key);
  if (!v) return std::nullopt;
  std::string_view s;
  if (v->get_string().get(s) == simdjson::SUCCESS) {
    if (s.empty()) return std::nullopt;
    return std::string(s);
  }
  std::int64_t i = 0;
  if (v->get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  std::uint64_t u = 0;
  if (v->get_uint64().get(u) == simdjson::SUCCESS) return std::to_string(u);
  return std::nullopt;
}

std::optional<std::int64_t> get_int(element e, std::string_view key) {
  const auto v = get(e, key);
  if (!v) return std::nullopt;
  std::int64_t i = 0;
  if (v->get_int64().get(i) == simdjson::SUCCESS) return i;
  std::string_view s;
  if (v->get_string().get(s) == simdjson::SUCCESS && !s.empty()) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), i);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return i;
  }
  return std::nullopt;
}

std::optional<bool> get_bool(element e, std::string_view key) {
  const auto v = get(e, key);
  if (!v) return std::nullopt;
  bool b = false;
  if (v->get_bool().get(b) == simdjson::SUCCESS) return b;
  std::int64_t i = 0;
  if (v->get_int64().get(i) == simdjson::SUCCESS && (i == 0 || i == 1)) return i == 1;
  return std::nullopt;
}

normalize::CountValue get_count(element e, std::string_view key) {
  const auto v = get(e, key);
  if (!v) return {normalize::CountValue::Status::kEmpty, std::nullopt, false};
  std::int64_t i = 0;
  if (v->get_int64().get(i) == simdjson::SUCCESS) return normalize::count_from_int(i);
  std::string_view s;
  if (v->get_string().get(s) == simdjson::SUCCESS) return normalize::parse_count(s);
  return {normalize::CountValue::Status::kInvalid, std::nullopt, false};
}

}  // namespace koubei::parsers::json
