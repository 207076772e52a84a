// libFuzzer target for one page type (KOUBEI_FUZZ_PAGE_TYPE, e.g. "weibo.search_api"): arbitrary
// bytes must parse without crashing, hanging or reading out of bounds, and every record a parse
// yields must be writable as JSON.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parsers/model/mention_json.hpp"
#include "parsers/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static koubei::parsers::PageParser parser;
  const std::string body(reinterpret_cast<const char*>(data), size);
  koubei::parsers::PageInput page;
  page.type = *koubei::parsers::page_type_from_string(KOUBEI_FUZZ_PAGE_TYPE);
  page.body = body;
  page.url = "https://example.invalid/p?page=2&id=4900000000000000";
  page.fetched_at = koubei::model::Timestamp{std::chrono::milliseconds{1795312800000}};
  const auto result = parser.parse(page);
  std::string out;
  for (const auto& item : result.items) koubei::model::append_json(item.mention, out);
  return 0;
}
