#include "parsers/xiaohongshu/record.hpp"

#include "parsers/model/mention_json.hpp"
#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/time.hpp"

namespace koubei::parsers::xiaohongshu {
namespace {

constexpr std::string_view kWeb = "https://www.xiaohongshu.com";
constexpr std::string_view kTopicMarkup = "[话题]#";

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string joined(std::string_view where, std::string_view key) {
  std::string out(where);
  out += '.';
  out += key;
  return out;
}

}  // namespace

std::string note_url(std::string_view note_id) {
  return std::string(kWeb) + "/explore/" + std::string(note_id);
}

std::string comment_url(std::string_view note_id, std::string_view comment_id) {
  return note_url(note_id) + "?comment_id=" + std::string(comment_id);
}

std::string note_record_id(std::string_view note_id) {
  return model::make_id(model::Platform::kXiaohongshu, model::Kind::kNote, note_id);
}

std::string comment_record_id(std::string_view comment_id) {
  return model::make_id(model::Platform::kXiaohongshu, model::Kind::kComment, comment_id);
}

bool valid_id(std::string_view id) {
  constexpr std::size_t kMaxId = 64;
  if (id.empty() || id.size() > kMaxId) return false;
  for (char c : id) {
    if (!id_char(c)) return false;
  }
  return true;
}

void add_author_fact(ParseResult& result,
                     std::string_view id,
                     std::optional<std::string> name,
                     std::optional<std::int64_t> followers) {
  for (auto& known : result.authors) {
    if (known.id != id) continue;
    if (!known.name) known.name = std::move(name);
    if (!known.followers) known.followers = followers;
    return;
  }
  AuthorFacts facts;
  facts.platform = model::Platform::kXiaohongshu;
  facts.id = std::string(id);
  facts.name = std::move(name);
  facts.followers = followers;
  result.authors.push_back(std::move(facts));
}

void read_author(element user,
                 const UserKeys& keys,
                 model::Mention& m,
                 std::string_view where,
                 ParseResult& result) {
  m.author.name = json::get_text(user, keys.name);
  if (!m.author.name && !keys.alt_name.empty()) m.author.name = json::get_text(user, keys.alt_name);
  const auto id = json::get_id(user, keys.id);
  if (!id) return;
  if (!valid_id(*id)) {
    result.diagnostics.push_back({joined(where, keys.id), "user id \"" + *id + "\" not usable"});
    return;
  }
  m.author.id = *id;
  m.author.url = std::string(kWeb) + "/user/profile/" + *id;
  add_author_fact(result, *id, m.author.name, std::nullopt);
}

std::optional<std::int64_t> read_count(element obj,
                                       std::string_view key,
                                       std::string_view where,
                                       ParseResult& result,
                                       model::Mention* m) {
  const normalize::CountValue count = json::get_count(obj, key);
  using Status = normalize::CountValue::Status;
  if (count.status == Status::kNumber) {
    if (count.capped && m != nullptr) m->metrics_capped = true;
    return count.value;
  }
  if (count.status != Status::kEmpty) {
    const std::string shown(json::get_string(obj, key).value_or("(not a string)"));
    result.diagnostics.push_back({joined(where, key), "count \"" + shown + "\" not understood"});
  }
  return std::nullopt;
}

void read_epoch_time(element obj,
                     std::string_view key,
                     model::Mention& m,
                     std::string_view where,
                     ParseResult& result) {
  if (!json::get(obj, key)) return;
  const auto ms = json::get_int(obj, key);
  const auto t = ms ? normalize::from_epoch(*ms) : std::nullopt;
  if (!t) {
    result.diagnostics.push_back({joined(where, key), "time is not an epoch in milliseconds"});
    return;
  }
  m.created_at = t->at;
  m.created_at_precision = t->precision;
}

std::string plain_text(std::string_view raw) {
  // "#美食[话题]#" is XHS topic markup for "#美食#"; the rest is plain text under mention.md's
  // whitespace and UTF-8 rules ("<" and "&" are text, not markup).
  if (raw.find(kTopicMarkup) == std::string_view::npos) return normalize::plain_to_text(raw);
  std::string unmarked;
  unmarked.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    if (raw.substr(i).starts_with(kTopicMarkup)) {
      unmarked += '#';
      i += kTopicMarkup.size();
    } else {
      unmarked += raw[i++];
    }
  }
  return normalize::plain_to_text(unmarked);
}

void add_tag(model::Mention& m, std::string tag) {
  if (tag.empty()) return;
  for (const auto& t : m.tags) {
    if (t == tag) return;
  }
  m.tags.push_back(std::move(tag));
}

void add_item(ParseResult& result, ParsedItem item, std::string_view where) {
  std::string problem = model::check_mention(item.mention);
  if (!problem.empty()) {
    skip_item(result, std::string(where), "record rejected: " + problem);
    return;
  }
  result.items.push_back(std::move(item));
}

}  // namespace koubei::parsers::xiaohongshu
