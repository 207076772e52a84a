#include "parsers/json/document.hpp"

namespace koubei::parsers::json {

simdjson::error_code JsonParser::parse(std::string_view text, bool padded,
                                       simdjson::dom::element& out) {
  if (padded) return parser_.parse(text.data(), text.size(), false).get(out);
  scratch_.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  scratch_.assign(text);
  // parse() needs SIMDJSON_PADDING readable bytes past the end; reserve() guarantees them.
  return parser_.parse(scratch_.data(), scratch_.size(), false).get(out);
}

}  // namespace koubei::parsers::json
