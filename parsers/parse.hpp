#pragma once
// The parsers' entry point: one PageParser per worker thread turns any of the sixteen page types
// into a ParseResult. Pure (no IO, no clock, no logging); safe on arbitrary bytes (fuzzed).
//
// Thread safety: a PageParser is used by one thread at a time (it owns a reusable simdjson
// parser). Results own their data and may be moved to other threads.

#include "parsers/context.hpp"
#include "parsers/page.hpp"

namespace koubei::parsers {

class PageParser {
 public:
  explicit PageParser(ParseLimits limits = {}, GlyphMap glyphs = {})
      : limits_(limits), glyphs_(std::move(glyphs)) {}

  ParseResult parse(const PageInput& page);

  const ParseLimits& limits() const { return limits_; }

 private:
  ParseLimits limits_;
  GlyphMap glyphs_;
  json::JsonParser json_;
};

}  // namespace koubei::parsers
