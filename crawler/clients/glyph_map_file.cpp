#include "crawler/clients/glyph_map_file.hpp"

#include <simdjson.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace koubei::clients {
namespace {

Error bad_content(const std::string& path, const std::string& problem) {
  return Error{std::make_error_code(std::errc::invalid_argument), path + ": " + problem};
}

Result<std::string> read_file(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error{ec, path};
  if (size > kMaxGlyphMapBytes) {
    return Error{std::make_error_code(std::errc::file_too_large),
                 path + ": " + std::to_string(size) + " bytes, more than the " +
                     std::to_string(kMaxGlyphMapBytes) + " a glyph map may have"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{std::error_code(errno, std::generic_category()), path};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

Result<parsers::GlyphMap> load_glyph_map(const std::string& path) {
  auto text = read_file(path);
  if (!text) return text.error();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(simdjson::padded_string(*text)).get(root); error) {
    return bad_content(path, std::string("not JSON (") + simdjson::error_message(error) + ")");
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return bad_content(path, "expected a JSON object {\"class\": \"character\", …}");
  }
  parsers::GlyphMap map;
  for (auto [key, value] : object) {
    if (key.empty()) return bad_content(path, "an empty class name");
    std::string_view ch;
    if (value.get_string().get(ch) != simdjson::SUCCESS || ch.empty()) {
      return bad_content(path, "\"" + std::string(key) + "\": expected a non-empty string");
    }
    map.insert_or_assign(std::string(key), std::string(ch));
  }
  return map;
}

}  // namespace koubei::clients
