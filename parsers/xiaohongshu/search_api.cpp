#include "parsers/xiaohongshu/search_api.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/xiaohongshu/note_mapper.hpp"
#include "parsers/xiaohongshu/record.hpp"
#include "parsers/xiaohongshu/signals.hpp"

namespace koubei::parsers::xiaohongshu {
namespace {

bool is_suggestion(std::string_view model_type) {
  return model_type == "rec_query" || model_type == "hot_query";
}

void read_item(const Context& ctx, element entry, const std::string& where, ParseResult& result) {
  const auto model_type = json::get_string(entry, "model_type");
  if (model_type && is_suggestion(*model_type)) return;
  if (model_type && *model_type != "note") {
    skip_item(result, where, "model_type \"" + std::string(*model_type) + "\" is not a note");
    return;
  }
  const auto card = json::get(entry, "note_card");
  if (!card) {
    skip_item(result, where, "missing note_card");
    return;
  }
  const std::string item_id = json::get_id(entry, "id").value_or(std::string());
  auto item = map_note(ctx, *card, kSearchCardKeys, item_id, where + ".note_card", result);
  if (!item) return;
  item->truncated = true;
  if (auto token = json::get_text(entry, "xsec_token")) item->xsec_token = std::move(*token);
  add_item(result, std::move(*item), where);
}

}  // namespace

ParseResult parse_search_api(const Context& ctx) {
  element data;
  json::array items;
  if (auto verdict = open_list(ctx, "search", "items", data, items)) return std::move(*verdict);
  ParseResult result;
  std::size_t index = 0;
  for (element entry : items) {
    read_item(ctx, entry, "data.items[" + std::to_string(index++) + "]", result);
  }
  const bool has_more = json::get_bool(data, "has_more").value_or(false);
  if (has_more) result.next = Cursor{false, std::string(kMoreCursor)};
  const bool nothing = result.items.empty() && result.skipped == 0;
  result.verdict = nothing && !has_more ? Verdict::kEmpty : Verdict::kOk;
  return result;
}

}  // namespace koubei::parsers::xiaohongshu
