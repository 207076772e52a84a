#include "parsers/weibo/cards.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/url_query.hpp"
#include "parsers/weibo/signals.hpp"

#include <charconv>

namespace koubei::parsers::weibo {
namespace {

using simdjson::dom::element;

constexpr std::int64_t kPostCard = 9;
constexpr std::int64_t kMaxPage = 1000000;  // far beyond Weibo's 50-page cap; keeps +1 safe

void add_card(
    const Context& ctx, PageBuilder& page, element card, const std::string& where, Tally& tally) {
  if (json::get_int(card, "card_type") != kPostCard) return;
  ++tally.found;
  const std::string mblog_where = where + ".mblog";
  const auto mblog = json::get(card, "mblog");
  if (!mblog || !mblog->is_object()) {
    skip_item(page.result(), mblog_where, "card_type 9 without an mblog object");
    return;
  }
  if (add_mblog(ctx, page, *mblog, mblog_where, TextMode::kAsShown)) ++tally.read;
}

}  // namespace

ParseResult parse_card_list(const Context& ctx,
                            const std::function<Cursor(simdjson::dom::element root)>& next_of) {
  element root;
  if (auto verdict = open_api_page(ctx, root)) return std::move(*verdict);
  const auto data = json::get(root, "data");
  const auto cards = data ? json::get_array(*data, "cards") : std::nullopt;
  if (!cards) return verdict_only(Verdict::kUnrecognized, "ok:1 without a data.cards array");
  ParseResult result;
  PageBuilder page(result, cards->size());
  const Tally tally = add_card_posts(ctx, page, *cards);
  settle_listing(result, tally, tally.read > 0 ? next_of(root) : Cursor{});
  return result;
}

Tally add_card_posts(const Context& ctx, PageBuilder& page, simdjson::dom::array cards) {
  Tally tally;
  std::size_t i = 0;
  for (const element card : cards) {
    const std::string where = "data.cards[" + std::to_string(i++) + "]";
    add_card(ctx, page, card, where, tally);
    const auto group = json::get_array(card, "card_group");
    if (!group) continue;
    std::size_t j = 0;
    for (const element nested : *group) {
      add_card(ctx, page, nested, where + ".card_group[" + std::to_string(j++) + "]", tally);
    }
  }
  return tally;
}

std::int64_t request_page(std::string_view url) {
  const auto page = query_param(url, "page");
  std::int64_t n = 0;
  if (!page) return 1;
  const auto r = std::from_chars(page->data(), page->data() + page->size(), n);
  if (r.ec != std::errc() || r.ptr != page->data() + page->size() || n < 1 || n > kMaxPage) {
    return 1;
  }
  return n;
}

Cursor next_page(element root, std::string_view url) {
  const std::int64_t current = request_page(url);
  std::int64_t next = current + 1;
  if (const auto info = json::at_path(root, "data.cardlistInfo")) {
    if (const auto said = json::get_int(*info, "page"); said && *said > current) next = *said;
  }
  return Cursor{false, std::to_string(next)};
}

}  // namespace koubei::parsers::weibo
