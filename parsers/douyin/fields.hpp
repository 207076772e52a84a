#pragma once
// Field readers shared by every Douyin page type. Each reads one field of an untrusted JSON object
// and degrades only that field: an unusable value becomes std::nullopt plus a Diagnostic at
// "<where>.<key>", never a dropped item or a thrown error.
//
//   "statistics": {"digg_count": 2048, "play_count": 0}   counts: integers (display strings too)
//   "create_time": 1763776800                              unix SECONDS
//   "play_addr": {"url_list": ["https://…"]}              snake address (object)
//   "playAddr": [{"src": "//v3-web.douyinvod.com/…"}]     camel address (array, protocol-relative)
//   "text_extra": [{"hashtag_name": "火锅"}, {"user_id": "…"}]   topics (the @mentions have none)
//   "has_more": 1, "cursor": 20                             paging (has_more also true/false)
//
// Thread safety: stateless. Returned strings are owned copies.

#include "parsers/json/fields.hpp"
#include "parsers/page.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::parsers::douyin {

/// "<where>.<key>", the Diagnostic location of a member.
std::string member_path(std::string_view where, std::string_view key);

/// True when the object has the member, even if its value is null (json::get says nullopt for
/// both).
bool has_member(json::element obj, std::string_view key);

/// A count member. std::nullopt when absent or null; a value that is not a count (negative, a
/// label, garbage) is std::nullopt plus a Diagnostic. A capped display value ("10w+") sets
/// `capped`.
std::optional<std::int64_t> read_count(json::element obj,
                                       std::string_view key,
                                       std::string_view where,
                                       ParseResult& result,
                                       bool& capped);

/// created_at from an epoch member (seconds; from_epoch also accepts milliseconds). Absent, zero
/// or unusable values leave created_at null and add a Diagnostic.
void read_created_at(json::element obj,
                     std::string_view key,
                     std::string_view where,
                     ParseResult& result,
                     model::Mention& m);

/// The first usable URL of an address in either spelling: an object whose `url_list_key` member
/// holds strings, or an array of strings or of {"src": …} objects. Protocol-relative URLs ("//…")
/// get "https:"; anything not http(s) is skipped.
std::optional<std::string> first_url(json::element address, std::string_view url_list_key);

/// Topic names from a text_extra-style list: each entry's `name_key`, trimmed, a leading '#'
/// removed, empty names dropped, de-duplicated in first-seen order.
std::vector<std::string> read_topics(json::element obj,
                                     std::string_view list_key,
                                     std::string_view name_key);

/// True for text usable as a record's native_id: non-empty, ASCII letters, digits, '_' and '-'
/// only (Douyin ids are decimal strings; sec_uids are base64url).
bool is_native_id(std::string_view s);

/// An id member (string or integer) that is_native_id accepts.
std::optional<std::string> read_native_id(json::element obj, std::string_view key);

/// The next page from "has_more" (1/true) and "cursor" (integer or string). has_more without a
/// cursor ends the listing with a Diagnostic.
Cursor read_cursor(json::element root, ParseResult& result);

}  // namespace koubei::parsers::douyin
