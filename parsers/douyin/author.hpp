#pragma once
// Douyin user objects → the record's author and the page's AuthorFacts.
//
//   "author": {                                  (aweme author, comment "user", profile "user")
//     "uid": "93847261055",
//     "sec_uid": "MS4wLjABAAAA…",                → author.id (uid when sec_uid is absent)
//     "nickname": "成都吃货小分队",                → author.name
//     "custom_verify": "美食自媒体",               ┐ douyin_verified_type → verified_type,
//     "enterprise_verify_reason": "",            ┘ only when one of the two is present
//     "follower_count": 128000                   → followers (only some responses carry it)
//   }
// The camelCase spelling (RENDER_DATA authorInfo) is read through kCamelUser (keys.hpp).
// author.url is https://www.douyin.com/user/{sec_uid}: a profile needs the sec_uid, so an author
// known only by uid has no URL.
//
// Thread safety: stateless.

#include "parsers/douyin/keys.hpp"
#include "parsers/json/fields.hpp"
#include "parsers/page.hpp"

#include <string_view>

namespace koubei::parsers::douyin {

/// The author fields a user object shows; unknown fields stay null. A follower count that is not
/// a count adds a Diagnostic at "<where>.<key>".
model::Author read_author(json::element user,
                          const UserKeys& keys,
                          std::string_view where,
                          ParseResult& result);

/// Adds the author's facts to result.authors when it has an id; an author already listed is
/// completed (fields it lacked are filled), never duplicated.
void remember_author(ParseResult& result, const model::Author& author);

}  // namespace koubei::parsers::douyin
