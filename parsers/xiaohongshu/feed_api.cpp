#include "parsers/xiaohongshu/feed_api.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/xiaohongshu/note_mapper.hpp"
#include "parsers/xiaohongshu/record.hpp"
#include "parsers/xiaohongshu/signals.hpp"

namespace koubei::parsers::xiaohongshu {

ParseResult parse_feed_api(const Context& ctx) {
  element data;
  json::array items;
  if (auto verdict = open_list(ctx, "feed", "items", data, items)) return std::move(*verdict);
  if (items.size() == 0) return verdict_only(Verdict::kNotFound, "feed: data.items is empty");
  ParseResult result;
  std::size_t index = 0;
  std::size_t cards = 0;
  for (element entry : items) {
    const std::string where = "data.items[" + std::to_string(index++) + "]";
    const auto card = json::get(entry, "note_card");
    if (!card) {
      skip_item(result, where, "missing note_card");
      continue;
    }
    ++cards;
    const std::string item_id = json::get_id(entry, "id").value_or(std::string());
    auto item = map_note(ctx, *card, kApiKeys, item_id, where + ".note_card", result);
    if (!item) continue;
    if (auto token = json::get_text(entry, "xsec_token")) item->xsec_token = std::move(*token);
    add_item(result, std::move(*item), where);
  }
  if (cards == 0) return verdict_only(Verdict::kUnrecognized, "feed: no item has a note_card");
  result.verdict = Verdict::kOk;
  return result;
}

}  // namespace koubei::parsers::xiaohongshu
