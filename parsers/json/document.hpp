#pragma once
// A reusable simdjson DOM parser for page bodies (one per thread: simdjson parsers are not
// thread-safe, and reusing one keeps its buffers warm).
//
// Bodies from the HTTP engine are already padded (PageInput::padded) and parse without a copy;
// others (files, cut-out script JSON) are copied once into a padded scratch buffer.

#include <simdjson.h>

#include <string>
#include <string_view>

namespace koubei::parsers::json {

class JsonParser {
 public:
  /// Parses `text` into `out`. The element lives until the next call. Returns simdjson's error.
  simdjson::error_code parse(std::string_view text, bool padded, simdjson::dom::element& out);

 private:
  simdjson::dom::parser parser_;
  std::string scratch_;
};

}  // namespace koubei::parsers::json
