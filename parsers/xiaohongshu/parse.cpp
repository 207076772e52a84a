#include "parsers/xiaohongshu/parse.hpp"

#include "parsers/xiaohongshu/comments_api.hpp"
#include "parsers/xiaohongshu/feed_api.hpp"
#include "parsers/xiaohongshu/note_html.hpp"
#include "parsers/xiaohongshu/search_api.hpp"
#include "parsers/xiaohongshu/signals.hpp"
#include "parsers/xiaohongshu/user_api.hpp"

namespace koubei::parsers::xiaohongshu {

ParseResult parse(const Context& ctx) {
  if (auto verdict = transport_verdict(ctx.page)) return std::move(*verdict);
  switch (ctx.page.type) {
    case PageType::kXiaohongshuSearchApi:
      return parse_search_api(ctx);
    case PageType::kXiaohongshuFeedApi:
      return parse_feed_api(ctx);
    case PageType::kXiaohongshuNoteHtml:
      return parse_note_html(ctx);
    case PageType::kXiaohongshuCommentsApi:
      return parse_comments_api(ctx);
    case PageType::kXiaohongshuUserApi:
      return parse_user_api(ctx);
    default:
      break;
  }
  return verdict_only(Verdict::kUnrecognized,
                      std::string(to_string(ctx.page.type)) + " is not a xiaohongshu page type");
}

}  // namespace koubei::parsers::xiaohongshu
