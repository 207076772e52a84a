#pragma once
// ParserPool: PageParsers for the parse worker threads. A PageParser keeps a reusable simdjson
// parser and is used by one thread at a time; the pool lends one per call, creating at most one
// per concurrent caller (so at most as many as there are worker threads).
//
// Thread safety: parse() may be called from any number of threads at once.

#include "parsers/parse.hpp"

#include <memory>
#include <mutex>
#include <vector>

namespace koubei::scheduler {

class ParserPool {
 public:
  ParserPool(parsers::ParseLimits limits, parsers::GlyphMap glyphs)
      : limits_(limits), glyphs_(std::move(glyphs)) {}

  parsers::ParseResult parse(const parsers::PageInput& page);

 private:
  parsers::ParseLimits limits_;
  parsers::GlyphMap glyphs_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<parsers::PageParser>> idle_;
};

}  // namespace koubei::scheduler
