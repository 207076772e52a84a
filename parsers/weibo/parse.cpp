#include "parsers/weibo/parse.hpp"

#include "parsers/weibo/comments_api.hpp"
#include "parsers/weibo/detail_html.hpp"
#include "parsers/weibo/search_api.hpp"
#include "parsers/weibo/search_html.hpp"
#include "parsers/weibo/timeline_api.hpp"

namespace koubei::parsers::weibo {

ParseResult parse(const Context& ctx) {
  switch (ctx.page.type) {
    case PageType::kWeiboSearchApi:
      return parse_search_api(ctx);
    case PageType::kWeiboTimelineApi:
      return parse_timeline_api(ctx);
    case PageType::kWeiboCommentsApi:
      return parse_comments_api(ctx);
    case PageType::kWeiboSearchHtml:
      return parse_search_html(ctx);
    case PageType::kWeiboDetailHtml:
      return parse_detail_html(ctx);
    default:
      return verdict_only(Verdict::kUnrecognized,
                          std::string(to_string(ctx.page.type)) + " is not a weibo page type");
  }
}

}  // namespace koubei::parsers::weibo
