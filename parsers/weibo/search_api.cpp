#include "parsers/weibo/search_api.hpp"

#include "parsers/weibo/cards.hpp"

namespace koubei::parsers::weibo {

ParseResult parse_search_api(const Context& ctx) {
  return parse_card_list(
      ctx, [&](simdjson::dom::element root) { return next_page(root, ctx.page.url); });
}

}  // namespace koubei::parsers::weibo
