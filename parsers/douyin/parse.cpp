#include "parsers/douyin/parse.hpp"

#include "parsers/douyin/comments_api.hpp"
#include "parsers/douyin/detail_api.hpp"
#include "parsers/douyin/search_api.hpp"
#include "parsers/douyin/user_api.hpp"
#include "parsers/douyin/video_html.hpp"

namespace koubei::parsers::douyin {

ParseResult parse(const Context& ctx) {
  switch (ctx.page.type) {
    case PageType::kDouyinSearchApi:
      return parse_search_api(ctx);
    case PageType::kDouyinDetailApi:
      return parse_detail_api(ctx);
    case PageType::kDouyinCommentsApi:
      return parse_comments_api(ctx);
    case PageType::kDouyinVideoHtml:
      return parse_video_html(ctx);
    case PageType::kDouyinUserApi:
      return parse_user_api(ctx);
    default:
      break;
  }
  return verdict_only(Verdict::kUnrecognized,
                      std::string(to_string(ctx.page.type)) + " is not a douyin page type");
}

}  // namespace koubei::parsers::douyin
