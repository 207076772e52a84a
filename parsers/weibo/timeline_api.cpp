#include "parsers/weibo/timeline_api.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/url_query.hpp"
#include "parsers/weibo/cards.hpp"
#include "parsers/weibo/record_fields.hpp"

namespace koubei::parsers::weibo {
namespace {

std::optional<std::string> since_id(simdjson::dom::element root) {
  const auto info = json::at_path(root, "data.cardlistInfo");
  if (!info) return std::nullopt;
  auto id = read_numeric_id(*info, {"since_id"});
  if (id == "0") return std::nullopt;
  return id;
}

Cursor timeline_cursor(simdjson::dom::element root, std::string_view url) {
  const std::string container = query_param(url, "containerid").value_or("");
  if (container.starts_with("230413")) return next_page(root, url);
  if (auto id = since_id(root)) return Cursor{false, std::move(*id)};
  if (container.starts_with("107603")) return Cursor{};
  return next_page(root, url);
}

}  // namespace

ParseResult parse_timeline_api(const Context& ctx) {
  return parse_card_list(
      ctx, [&](simdjson::dom::element root) { return timeline_cursor(root, ctx.page.url); });
}

}  // namespace koubei::parsers::weibo
