#include "parsers/parse.hpp"

#include "config/secret.hpp"

#include "parsers/dianping/parse.hpp"
#include "parsers/douyin/parse.hpp"
#include "parsers/weibo/parse.hpp"
#include "parsers/xiaohongshu/parse.hpp"

namespace koubei::parsers {

ParseResult PageParser::parse(const PageInput& page) {
  if (page.body.size() > limits_.max_body) {
    return verdict_only(Verdict::kUnrecognized,
                        "body of " + std::to_string(page.body.size()) +
                            " bytes exceeds max_body (" + std::to_string(limits_.max_body) + ")");
  }
  Context ctx{page, limits_, json_, glyphs_.empty() ? nullptr : &glyphs_};
  if (!page.url.empty()) ctx.source_url = config::redact_url(page.url);
  ParseResult result;
  switch (platform_of(page.type)) {
    case model::Platform::kWeibo: result = weibo::parse(ctx); break;
    case model::Platform::kXiaohongshu: result = xiaohongshu::parse(ctx); break;
    case model::Platform::kDouyin: result = douyin::parse(ctx); break;
    case model::Platform::kDianping: result = dianping::parse(ctx); break;
  }
  // A failed page never continues: the scheduler must not page on past a block.
  if (!is_success(result.verdict)) result.next = Cursor{};
  if (result.items.size() > limits_.max_items) {
    result.diagnostics.push_back(
        {"page", std::to_string(result.items.size() - limits_.max_items) +
                     " items beyond max_items (" + std::to_string(limits_.max_items) + ") dropped"});
    result.skipped += static_cast<std::uint32_t>(result.items.size() - limits_.max_items);
    result.items.resize(limits_.max_items);
  }
  return result;
}

}  // namespace koubei::parsers
