#include "scheduler/run/parser_pool.hpp"

namespace koubei::scheduler {

parsers::ParseResult ParserPool::parse(const parsers::PageInput& page) {
  std::unique_ptr<parsers::PageParser> parser;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      parser = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!parser) parser = std::make_unique<parsers::PageParser>(limits_, glyphs_);
  parsers::ParseResult result = parser->parse(page);
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(parser));
  return result;
}

}  // namespace koubei::scheduler
