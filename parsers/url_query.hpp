#pragma once
// Reading ids and cursors back from a request URL (parsers get the URL, never build one).

#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers {

/// The percent-decoded value of query parameter `name` ("page" in "…?q=x&page=2"), or nullopt.
/// The first occurrence wins; '+' is kept as is.
std::optional<std::string> query_param(std::string_view url, std::string_view name);

/// The last non-empty path segment before any query ("/video/7301234567890123456?x" → the id).
std::string_view last_path_segment(std::string_view url);

}  // namespace koubei::parsers
