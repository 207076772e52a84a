#include "parsers/xiaohongshu/user_api.hpp"

#include "parsers/url_query.hpp"
#include "parsers/xiaohongshu/record.hpp"
#include "parsers/xiaohongshu/signals.hpp"

namespace koubei::parsers::xiaohongshu {
namespace {

/// The follower count from data.interactions[{type:"fans", count}]; nullopt when absent or
/// unreadable (with a diagnostic).
std::optional<std::int64_t> fans_of(element data, ParseResult& result) {
  const auto interactions = json::get_array(data, "interactions");
  if (!interactions) return std::nullopt;
  std::size_t index = 0;
  for (element entry : *interactions) {
    const std::string where = "data.interactions[" + std::to_string(index++) + "]";
    if (json::get_string(entry, "type") == "fans") {
      return read_count(entry, "count", where, result, nullptr);
    }
  }
  return std::nullopt;
}

}  // namespace

ParseResult parse_user_api(const Context& ctx) {
  element data;
  if (auto verdict = open_envelope(ctx, data)) return std::move(*verdict);
  const auto basic = json::get(data, "basic_info");
  if (!basic || !basic->is_object()) {
    return verdict_only(Verdict::kUnrecognized, "user: no data.basic_info object");
  }
  ParseResult result;
  result.verdict = Verdict::kOk;
  const auto followers = fans_of(data, result);
  const auto id = query_param(ctx.page.url, "target_user_id");
  if (!id || !valid_id(*id)) {
    result.diagnostics.push_back(
        {"url", "no usable target_user_id in the request URL: author facts dropped"});
    return result;
  }
  add_author_fact(result, *id, json::get_text(*basic, "nickname"), followers);
  return result;
}

}  // namespace koubei::parsers::xiaohongshu
