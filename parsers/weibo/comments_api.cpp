#include "parsers/weibo/comments_api.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/url_query.hpp"
#include "parsers/weibo/comment.hpp"
#include "parsers/weibo/record_fields.hpp"
#include "parsers/weibo/signals.hpp"

namespace koubei::parsers::weibo {
namespace {

using simdjson::dom::element;

std::optional<std::string> post_mid(std::string_view url) {
  for (const std::string_view key : {"mid", "id"}) {
    if (auto mid = query_param(url, key); mid && is_numeric_id(*mid)) return mid;
  }
  return std::nullopt;
}

Cursor comments_cursor(element data) {
  const auto max_id = read_numeric_id(data, {"max_id"});
  if (!max_id || *max_id == "0") return Cursor{};
  const std::int64_t type = json::get_int(data, "max_id_type").value_or(0);
  return Cursor{false, *max_id + ":" + std::to_string(type)};
}

}  // namespace

ParseResult parse_comments_api(const Context& ctx) {
  element root;
  if (auto verdict = open_api_page(ctx, root)) return std::move(*verdict);
  const auto data = json::get(root, "data");
  const auto comments = data ? json::get_array(*data, "data") : std::nullopt;
  if (!comments) return verdict_only(Verdict::kUnrecognized, "ok:1 without a data.data array");
  const auto mid = post_mid(ctx.page.url);
  if (!mid) {
    return verdict_only(Verdict::kUnrecognized,
                        "no post mid (mid= or id=) in the request URL: comments cannot be "
                        "attached to their post");
  }
  ParseResult result;
  PageBuilder page(result);
  const Thread thread{*mid, std::nullopt};
  Tally tally;
  for (const element comment : *comments) {
    const std::string where = "data.data[" + std::to_string(tally.found++) + "]";
    if (add_comment(ctx, page, comment, where, thread)) ++tally.read;
  }
  settle_listing(result, tally, comments_cursor(*data));
  return result;
}

}  // namespace koubei::parsers::weibo
