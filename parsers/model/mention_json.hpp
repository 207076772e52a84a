#pragma once
// The koubei.mention.v1 JSON writer and the record check that guards it.
//
// append_json() writes one record as a single line of JSON (no trailing newline) with every key of
// the schema present; unknown values are null. Strings are escaped per RFC 8259 and any invalid
// UTF-8 that reached the record is replaced by U+FFFD, so the output is always valid UTF-8 JSON and
// never contains a raw newline (a JSONL line is always one record).
//
// check_mention() finds what would make a record violate the schema (an empty or ':'-bearing
// native_id, a non-http URL, a rating outside 0..5, a negative count, a non-finite number, an
// empty tag, …). The writer does not repair such records; the pipeline checks first and skips and
// counts a record that fails, instead of emitting a line downstream consumers would reject.

#include <string>
#include <string_view>

#include "parsers/model/mention.hpp"

namespace koubei::model {

/// Appends the record as one JSON object (no newline) to out.
void append_json(const Mention& m, std::string& out);

/// The record as one JSON object (no newline).
std::string to_json(const Mention& m);

/// Empty when the record satisfies mention.v1; otherwise "field: what is wrong" for the first
/// problem found.
std::string check_mention(const Mention& m);

/// Appends s as a JSON string literal (quotes included), replacing invalid UTF-8 with U+FFFD.
void append_json_string(std::string_view s, std::string& out);

}  // namespace koubei::model
