#include "parsers/weibo/record_fields.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/normalize/time.hpp"
#include "parsers/weibo/signals.hpp"

namespace koubei::parsers::weibo {

std::string post_url(std::string_view mid) {
  return "https://m.weibo.cn/detail/" + std::string(mid);
}

std::string comment_url(std::string_view root_mid, std::string_view cid) {
  return post_url(root_mid) + "?cid=" + std::string(cid);
}

std::string user_url(std::string_view uid) {
  return "https://m.weibo.cn/u/" + std::string(uid);
}

bool is_numeric_id(std::string_view id) {
  if (id.empty() || id.size() > 20) return false;
  for (const char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<std::string> read_numeric_id(simdjson::dom::element obj,
                                           std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    if (auto id = json::get_id(obj, key); id && is_numeric_id(*id)) return id;
  }
  return std::nullopt;
}

std::optional<std::string> absolute_url(std::string_view src) {
  const auto has_host = [](std::string_view rest) {
    return !rest.empty() && rest.front() != '/' &&
           rest.find_first_of(" \t\r\n\"'<>") == std::string_view::npos;
  };
  if (src.starts_with("//") && has_host(src.substr(2))) return "https:" + std::string(src);
  if (src.starts_with("https://") && has_host(src.substr(8))) return std::string(src);
  if (src.starts_with("http://") && has_host(src.substr(7))) return std::string(src);
  return std::nullopt;
}

std::optional<std::int64_t> count_of(const normalize::CountValue& count,
                                     std::string_view field,
                                     std::string_view shown,
                                     FieldPlace place,
                                     bool& capped,
                                     std::optional<std::int64_t> label_value) {
  using Status = normalize::CountValue::Status;
  switch (count.status) {
    case Status::kNumber:
      capped = capped || count.capped;
      return count.value;
    case Status::kEmpty:
      return std::nullopt;
    case Status::kLabel:
      if (label_value) return label_value;
      break;
    case Status::kInvalid:
      break;
  }
  place.page.note(std::string(place.where) + "." + std::string(field),
                  "count \"" + clip(shown) + "\" not understood");
  return std::nullopt;
}

std::optional<std::int64_t> json_count(simdjson::dom::element obj,
                                       std::string_view key,
                                       FieldPlace place,
                                       bool& capped) {
  const normalize::CountValue count = json::get_count(obj, key);
  if (count.status == normalize::CountValue::Status::kNumber ||
      count.status == normalize::CountValue::Status::kEmpty) {
    return count_of(count, key, {}, place, capped);
  }
  const auto value = json::get(obj, key);
  const auto text = json::get_string(obj, key);
  const std::string shown = text ? std::string(*text) : value ? simdjson::minify(*value) : "";
  return count_of(count, key, shown, place, capped);
}

void set_created_at(model::Mention& m, std::string_view shown, FieldPlace place) {
  if (shown.empty()) return;
  const auto t = normalize::parse_time(shown, m.fetched_at);
  if (!t) {
    place.page.note(std::string(place.where) + ".created_at",
                    "created_at \"" + clip(shown) + "\" not understood");
    return;
  }
  m.created_at = t->at;
  m.created_at_precision = t->precision;
}

}  // namespace koubei::parsers::weibo
