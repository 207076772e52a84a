#include "parsers/douyin/fields.hpp"

#include "parsers/normalize/spaces.hpp"
#include "parsers/normalize/time.hpp"

#include <algorithm>

namespace koubei::parsers::douyin {
namespace {

using normalize::CountValue;

std::optional<std::string> usable_url(std::string_view s) {
  if (s.starts_with("//")) return "https:" + std::string(s);
  if (s.starts_with("https://") || s.starts_with("http://")) return std::string(s);
  return std::nullopt;
}

// First usable URL among the strings (or {"src": …} objects) of an array.
std::optional<std::string> first_in(json::array arr) {
  for (json::element e : arr) {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) {
      const auto src = json::get_string(e, "src");
      if (!src) continue;
      s = *src;
    }
    if (auto url = usable_url(s)) return url;
  }
  return std::nullopt;
}

}  // namespace

std::string member_path(std::string_view where, std::string_view key) {
  std::string out(where);
  out += '.';
  out += key;
  return out;
}

bool has_member(json::element obj, std::string_view key) {
  json::object o;
  return obj.get_object().get(o) == simdjson::SUCCESS && o.at_key(key).error() == simdjson::SUCCESS;
}

std::optional<std::int64_t> read_count(json::element obj,
                                       std::string_view key,
                                       std::string_view where,
                                       ParseResult& result,
                                       bool& capped) {
  const CountValue count = json::get_count(obj, key);
  switch (count.status) {
    case CountValue::Status::kNumber:
      capped = capped || count.capped;
      return count.value;
    case CountValue::Status::kEmpty:
      return std::nullopt;
    case CountValue::Status::kLabel:
    case CountValue::Status::kInvalid:
      break;
  }
  result.diagnostics.push_back({member_path(where, key), "not a count"});
  return std::nullopt;
}

void read_created_at(json::element obj,
                     std::string_view key,
                     std::string_view where,
                     ParseResult& result,
                     model::Mention& m) {
  const auto epoch = json::get_int(obj, key);
  const auto parsed = epoch ? normalize::from_epoch(*epoch) : std::nullopt;
  if (!parsed) {
    result.diagnostics.push_back(
        {member_path(where, key), epoch ? "not a usable epoch time" : "missing"});
    return;
  }
  m.created_at = parsed->at;
  m.created_at_precision = parsed->precision;
}

std::optional<std::string> first_url(json::element address, std::string_view url_list_key) {
  json::array arr;
  if (address.get_array().get(arr) == simdjson::SUCCESS) return first_in(arr);
  if (const auto list = json::get_array(address, url_list_key)) return first_in(*list);
  return std::nullopt;
}

std::vector<std::string> read_topics(json::element obj,
                                     std::string_view list_key,
                                     std::string_view name_key) {
  std::vector<std::string> topics;
  const auto list = json::get_array(obj, list_key);
  if (!list) return topics;
  for (json::element entry : *list) {
    const auto name = json::get_string(entry, name_key);
    if (!name) continue;
    std::string_view topic = normalize::trim(*name);
    if (topic.starts_with('#')) topic = normalize::trim(topic.substr(1));
    if (topic.empty() || std::find(topics.begin(), topics.end(), topic) != topics.end()) continue;
    topics.emplace_back(topic);
  }
  return topics;
}

bool is_native_id(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '-';
  });
}

std::optional<std::string> read_native_id(json::element obj, std::string_view key) {
  auto id = json::get_id(obj, key);
  if (!id || !is_native_id(*id)) return std::nullopt;
  return id;
}

Cursor read_cursor(json::element root, ParseResult& result) {
  if (!json::get_bool(root, "has_more").value_or(false)) return Cursor{};
  if (auto value = json::get_id(root, "cursor")) return Cursor{false, std::move(*value)};
  result.diagnostics.push_back({"cursor", "has_more is set but the cursor is missing"});
  return Cursor{};
}

}  // namespace koubei::parsers::douyin
