#pragma once
// What every page parser gets: the page, the limits, the thread's reusable JSON parser and the
// optional Dianping glyph map; and the small helpers all platforms share to start a record.

#include <map>
#include <optional>
#include <string>

#include "parsers/json/document.hpp"
#include "parsers/page.hpp"

namespace koubei::parsers {

/// Dianping obfuscated characters: a `svgmtsi` class name, or a private-use code point written as
/// "U+E1F2", mapped to the character it stands for. Loaded from configuration by the caller.
using GlyphMap = std::map<std::string, std::string, std::less<>>;

struct Context {
  const PageInput& page;
  const ParseLimits& limits;
  json::JsonParser& json;
  const GlyphMap* glyphs = nullptr;
  /// source.url of every record of this page (the request URL with secrets removed); computed once
  /// per page by PageParser. When empty, new_mention() computes it from page.url.
  std::optional<std::string> source_url = std::nullopt;
};

/// A record with the fields every page gives: platform, kind, fetched_at and source (page type and
/// the request URL with secrets removed).
model::Mention new_mention(const Context& ctx, model::Kind kind);

/// The HTTP status to judge by (0, unknown, counts as 200).
inline int status_of(const PageInput& page) { return page.status == 0 ? 200 : page.status; }

/// Records an item that was skipped, with where and why.
void skip_item(ParseResult& result, std::string where, std::string reason);

/// A result with a verdict and its reason (no items).
ParseResult verdict_only(Verdict verdict, std::string detail);

}  // namespace koubei::parsers
