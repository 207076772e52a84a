#pragma once
// An m.weibo.cn `user` object (in an mblog, a hotflow comment or a reply) → the record's author and
// the author facts for the cache.
//
//   "user": {"id": 1669879400,               // or "1669879400"
//            "screen_name": "Dear-迪丽热巴",
//            "followers_count": 63357736,     // or "6335.7万"
//            "verified": true, "verified_type": 0, "verified_reason": "…",
//            "profile_url": "https://m.weibo.cn/u/1669879400?uid=…", …}
//
// Mapping: id → author.id (numeric only, else unknown) and url https://m.weibo.cn/u/{uid};
// screen_name → name; followers_count → followers; verified → verified; verified_type through
// normalize::weibo_verified_type. Without verified_type, `verified: false` means kNone and
// `verified: true` an unknown type; without `verified`, it follows from verified_type.
// A missing or null user (a deleted account) leaves every author field null.

#include "parsers/model/mention.hpp"
#include "parsers/weibo/page_builder.hpp"
#include "parsers/weibo/record_fields.hpp"

#include <simdjson.h>

#include <optional>

namespace koubei::parsers::weibo {

/// Reads `user` (an element that may be anything) into an author and adds its facts to the page.
model::Author read_user(std::optional<simdjson::dom::element> user, FieldPlace place);

/// The author facts a record's author gives (followers only when known), for PageBuilder.
AuthorFacts facts_of(const model::Author& author);

}  // namespace koubei::parsers::weibo
