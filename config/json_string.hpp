#pragma once
// JSON string literals (RFC 8259) from untrusted bytes: quotes, backslashes and control characters
// escaped, invalid UTF-8 replaced by U+FFFD, so the output is always valid UTF-8 JSON and never
// holds a raw newline. Used by the record writer and the JSON log.

#include <string>
#include <string_view>

namespace koubei::text {

/// Appends s as a JSON string literal, quotes included.
void append_json_string(std::string_view s, std::string& out);

}  // namespace koubei::text
