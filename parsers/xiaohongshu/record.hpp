#pragma once
// Pieces of a Xiaohongshu record shared by notes and comments: public URLs, id checks, author,
// counts, epoch times, plain text and topics, and the final check before an item joins a result.
//
// Degraded fields follow one rule: a value the page shows but koubei cannot read becomes null
// and adds a Diagnostic (never a skip); an absent value is simply null.
//
// Thread safety: stateless functions. Strings are copied into the records.

#include "parsers/context.hpp"
#include "parsers/json/fields.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::xiaohongshu {

using json::element;

/// https://www.xiaohongshu.com/explore/{note_id}
std::string note_url(std::string_view note_id);

/// https://www.xiaohongshu.com/explore/{note_id}?comment_id={comment_id}
std::string comment_url(std::string_view note_id, std::string_view comment_id);

/// "xiaohongshu:note:{note_id}"
std::string note_record_id(std::string_view note_id);

/// "xiaohongshu:comment:{comment_id}"
std::string comment_record_id(std::string_view comment_id);

/// XHS ids (note, comment, user) are 24 hex digits today; koubei accepts 1-64 characters of
/// [A-Za-z0-9_-], so an id can never break a URL or a record id.
bool valid_id(std::string_view id);

/// Where the user's id and name are (note cards: user{user_id|userId, nickname|nick_name};
/// comments: user_info{user_id, nickname}).
struct UserKeys {
  std::string_view id;
  std::string_view name;
  std::string_view alt_name;  ///< empty when there is none
};

/// Fills m.author from a user object (id, name, profile URL) and records its AuthorFacts (no
/// followers: note cards and comments carry none). An unusable id leaves author.id null.
void read_author(element user,
                 const UserKeys& keys,
                 model::Mention& m,
                 std::string_view where,
                 ParseResult& result);

/// Adds or completes the AuthorFacts of one XHS user (deduplicated per page by id).
void add_author_fact(ParseResult& result,
                     std::string_view id,
                     std::optional<std::string> name,
                     std::optional<std::int64_t> followers);

/// A displayed count ("2401", "1.9万", "10w+"): the value, or nullopt (absent, or unreadable with a
/// diagnostic). A capped count sets m.metrics_capped when m is given.
std::optional<std::int64_t> read_count(element obj,
                                       std::string_view key,
                                       std::string_view where,
                                       ParseResult& result,
                                       model::Mention* m);

/// Sets m.created_at from an epoch field in milliseconds (XHS `time`, `create_time`).
void read_epoch_time(element obj,
                     std::string_view key,
                     model::Mention& m,
                     std::string_view where,
                     ParseResult& result);

/// XHS plain text (desc, content, titles) as mention.md text: the topic markup "#美食[话题]#"
/// becomes "#美食#", spaces collapse, line breaks stay (at most two), ends are trimmed, invalid
/// UTF-8 becomes U+FFFD.
std::string plain_text(std::string_view raw);

/// Appends a tag unless empty or already present.
void add_tag(model::Mention& m, std::string tag);

/// Appends the item after the record check (model::check_mention); a record that fails is
/// skipped with the reason instead.
void add_item(ParseResult& result, ParsedItem item, std::string_view where);

}  // namespace koubei::parsers::xiaohongshu
