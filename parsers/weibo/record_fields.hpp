#pragma once
// Small conversions every Weibo page type applies while filling a record: canonical URLs, numeric
// ids, displayed counts and times (with the diagnostic a degraded field gets), picture URLs.
//
// Contract: pure; never throws. A value that cannot be read leaves the field null and notes a
// diagnostic through the PageBuilder; the item itself is kept.

#include "parsers/model/mention.hpp"
#include "parsers/normalize/count.hpp"
#include "parsers/weibo/page_builder.hpp"

#include <simdjson.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::weibo {

/// https://m.weibo.cn/detail/{mid}
std::string post_url(std::string_view mid);

/// https://m.weibo.cn/detail/{root_mid}?cid={cid}
std::string comment_url(std::string_view root_mid, std::string_view cid);

/// https://m.weibo.cn/u/{uid}
std::string user_url(std::string_view uid);

/// A Weibo id (mid, uid, comment id): 1-20 ASCII digits.
bool is_numeric_id(std::string_view id);

/// The first of `keys` in `obj` that holds a Weibo id (digits, sent as a string or an integer).
std::optional<std::string> read_numeric_id(simdjson::dom::element obj,
                                           std::initializer_list<std::string_view> keys);

/// An absolute http(s) URL from what a page gives: "//wx1.sinaimg.cn/…" → "https://wx1…";
/// "http(s)://…" as is; anything else (empty, relative, javascript:) → nullopt.
std::optional<std::string> absolute_url(std::string_view src);

/// Where one field of an item lives, for diagnostics: "data.cards[2].mblog" + "attitudes_count".
struct FieldPlace {
  PageBuilder& page;
  std::string_view where;
};

/// The number a displayed count holds. Numbers set `capped` when the page showed a floor
/// ("100万+"); empty is null; a label without a number is `label_value` (s.weibo.com shows "转发"
/// for 0; JSON never should, so JSON callers pass nullopt and get a diagnostic); invalid is null
/// plus a diagnostic.
std::optional<std::int64_t> count_of(const normalize::CountValue& count,
                                     std::string_view field,
                                     std::string_view shown,
                                     FieldPlace place,
                                     bool& capped,
                                     std::optional<std::int64_t> label_value = std::nullopt);

/// count_of for a JSON member (an integer or a display string such as "1.2万"); labels are
/// invalid in JSON.
std::optional<std::int64_t> json_count(simdjson::dom::element obj,
                                       std::string_view key,
                                       FieldPlace place,
                                       bool& capped);

/// Sets created_at and its precision from a displayed time, resolved against fetched_at; an
/// unreadable time leaves both null and notes a diagnostic. An empty text is simply unknown.
void set_created_at(model::Mention& m, std::string_view shown, FieldPlace place);

}  // namespace koubei::parsers::weibo
