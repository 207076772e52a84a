#include "parsers/context.hpp"

#include "config/secret.hpp"

namespace koubei::parsers {

model::Mention new_mention(const Context& ctx, model::Kind kind) {
  model::Mention m;
  m.platform = platform_of(ctx.page.type);
  m.kind = kind;
  m.fetched_at = ctx.page.fetched_at;
  m.source.page_type = std::string(to_string(ctx.page.type));
  if (ctx.source_url) {
    m.source.url = ctx.source_url;
  } else if (!ctx.page.url.empty()) {
    m.source.url = config::redact_url(ctx.page.url);
  }
  return m;
}

void skip_item(ParseResult& result, std::string where, std::string reason) {
  ++result.skipped;
  result.diagnostics.push_back({std::move(where), std::move(reason)});
}

ParseResult verdict_only(Verdict verdict, std::string detail) {
  ParseResult r;
  r.verdict = verdict;
  r.detail = std::move(detail);
  return r;
}

}  // namespace koubei::parsers
