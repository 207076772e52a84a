#include "parsers/dianping/parse.hpp"

#include "parsers/dianping/reviews_html.hpp"

namespace koubei::parsers::dianping {

ParseResult parse(const Context& ctx) {
  switch (ctx.page.type) {
    case PageType::kDianpingReviewsHtml:
      return parse_reviews_html(ctx);
    default:
      break;
  }
  return verdict_only(Verdict::kUnrecognized,
                      std::string(to_string(ctx.page.type)) + ": not a dianping page type");
}

}  // namespace koubei::parsers::dianping
