#pragma once
// Tolerant field access on simdjson DOM elements for platform payloads.
//
// Platforms are inconsistent about types: ids arrive as numbers or strings, counts as integers or
// display strings ("1.9万"), booleans as true/1. These helpers read what is there and say
// std::nullopt for absent, null or unusable values; they never throw and never abort a page.
//
// Lifetime: string_views point into the parser's document and die with the next parse; copy into
// records (model types own their strings).

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/normalize/count.hpp"

namespace koubei::parsers::json {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

/// The member `key` of an object element; nullopt when e is not an object, the key is absent, or
/// its value is null.
std::optional<element> get(element e, std::string_view key);

/// Follows a dotted path of object keys ("data.cardlistInfo.since_id").
std::optional<element> at_path(element e, std::string_view dotted);

std::optional<object> get_object(element e, std::string_view key);
std::optional<array> get_array(element e, std::string_view key);

/// A string member; nullopt for other types.
std::optional<std::string_view> get_string(element e, std::string_view key);

/// A non-empty string member, copied.
std::optional<std::string> get_text(element e, std::string_view key);

/// An id: a non-empty string, or an integer written in decimal. Floats, booleans and empty strings
/// are nullopt (an id read as 1.2e16 would be a different id).
std::optional<std::string> get_id(element e, std::string_view key);

/// An integer member, or a string holding only a decimal integer ("74").
std::optional<std::int64_t> get_int(element e, std::string_view key);

/// A boolean, or 0/1.
std::optional<bool> get_bool(element e, std::string_view key);

/// A count: a non-negative integer, or a display string parsed by normalize::parse_count.
/// Absent or null → status kEmpty.
normalize::CountValue get_count(element e, std::string_view key);

}  // namespace koubei::parsers::json
