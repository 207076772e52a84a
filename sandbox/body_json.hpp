#pragma once
// Reading the few top-level fields of a JSON request body (XHS POST bodies) without trusting it.
//
// Thread safety: stateless (a parser per call).

#include <optional>
#include <string>
#include <string_view>

namespace koubei::sandbox {

/// A top-level string field of a JSON object body; numbers are returned as their text.
/// std::nullopt when the body is not a JSON object or lacks the field.
std::optional<std::string> body_field(std::string_view body, std::string_view key);

}  // namespace koubei::sandbox
