#include "parsers/xiaohongshu/comment_mapper.hpp"

#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/ip_location.hpp"
#include "parsers/xiaohongshu/media.hpp"
#include "parsers/xiaohongshu/record.hpp"

namespace koubei::parsers::xiaohongshu {
namespace {

constexpr UserKeys kUserInfoKeys{"user_id", "nickname", {}};

std::optional<std::string> valid_field_id(element e, std::string_view key) {
  auto id = json::get_id(e, key);
  if (!id || !valid_id(*id)) return std::nullopt;
  return id;
}

std::string parent_of(element comment, const CommentContext& thread, std::string_view note_id) {
  if (const auto target = json::get(comment, "target_comment")) {
    if (const auto id = valid_field_id(*target, "id")) return comment_record_id(*id);
  }
  if (!thread.default_parent.empty()) return std::string(thread.default_parent);
  return note_record_id(note_id);
}

/// The author of the comment answered, when the page shows one with an id.
void read_target_author(element comment, ParseResult& result) {
  const auto user = json::at_path(comment, "target_comment.user_info");
  if (!user) return;
  const auto id = valid_field_id(*user, "user_id");
  if (id) add_author_fact(result, *id, json::get_text(*user, "nickname"), std::nullopt);
}

std::int64_t more_replies(element comment, const std::optional<std::int64_t>& total) {
  if (!json::get_bool(comment, "sub_comment_has_more").value_or(false)) return 0;
  const auto inline_replies = json::get_array(comment, "sub_comments");
  const auto shown = static_cast<std::int64_t>(inline_replies ? inline_replies->size() : 0);
  return total && *total > shown ? *total - shown : 1;
}

void read_pictures(element comment, model::Mention& m) {
  const auto pictures = json::get_array(comment, "pictures");
  if (!pictures) return;
  for (element picture : *pictures) {
    if (auto url = image_url(picture, kApiKeys))
      m.media.push_back({model::MediaType::kImage, *url});
  }
}

}  // namespace

std::optional<ParsedItem> map_comment(const Context& ctx,
                                      element comment,
                                      const CommentContext& thread,
                                      const std::string& where,
                                      ParseResult& result) {
  const auto id = valid_field_id(comment, "id");
  if (!id) {
    skip_item(result, where, "missing or unusable comment id");
    return std::nullopt;
  }
  auto note_id = valid_field_id(comment, "note_id");
  if (!note_id && valid_id(thread.note_id)) note_id = std::string(thread.note_id);
  if (!note_id) {
    skip_item(result, where, "missing note_id");
    return std::nullopt;
  }
  ParsedItem item;
  model::Mention& m = item.mention;
  m = new_mention(ctx, model::Kind::kComment);
  m.native_id = *id;
  m.url = comment_url(*note_id, *id);
  m.parent_id = parent_of(comment, thread, *note_id);
  m.root_id = note_record_id(*note_id);
  m.text = plain_text(json::get_string(comment, "content").value_or(""));
  for (auto& topic : normalize::extract_topics(m.text))
    add_tag(m, std::move(topic));
  read_pictures(comment, m);
  read_epoch_time(comment, "create_time", m, where, result);
  if (const auto user = json::get(comment, "user_info")) {
    read_author(*user, kUserInfoKeys, m, where + ".user_info", result);
  }
  read_target_author(comment, result);
  m.metrics.likes = read_count(comment, "like_count", where, result, &m);
  m.metrics.comments = read_count(comment, "sub_comment_count", where, result, &m);
  if (const auto ip = json::get_string(comment, "ip_location")) {
    m.ip_location = normalize::normalize_ip_location(*ip);
  }
  item.more_replies = more_replies(comment, m.metrics.comments);
  return item;
}

}  // namespace koubei::parsers::xiaohongshu
