#include "parsers/xiaohongshu/note_mapper.hpp"

#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/ip_location.hpp"
#include "parsers/xiaohongshu/media.hpp"
#include "parsers/xiaohongshu/record.hpp"

namespace koubei::parsers::xiaohongshu {
namespace {

/// card[key], or nullopt when this spelling has no such key.
std::optional<element> field(element card, std::string_view key) {
  if (key.empty()) return std::nullopt;
  return json::get(card, key);
}

std::optional<std::string> text_field(element card, std::string_view key) {
  if (key.empty()) return std::nullopt;
  const auto s = json::get_string(card, key);
  if (!s) return std::nullopt;
  std::string text = plain_text(*s);
  if (text.empty()) return std::nullopt;
  return text;
}

void read_media(element card, const NoteKeys& k, model::Mention& m) {
  if (const auto video = field(card, k.video)) {
    if (auto url = video_url(*video, k)) m.media.push_back({model::MediaType::kVideo, *url});
  }
  if (const auto images = json::get_array(card, k.image_list)) {
    for (element image : *images) {
      if (auto url = image_url(image, k)) m.media.push_back({model::MediaType::kImage, *url});
    }
    if (images->size() > 0) return;
  }
  if (const auto cover = field(card, k.cover)) {
    if (auto url = image_url(*cover, k)) m.media.push_back({model::MediaType::kImage, *url});
  }
}

void read_tags(element card, const NoteKeys& k, model::Mention& m) {
  if (const auto list = k.tag_list.empty() ? std::nullopt : json::get_array(card, k.tag_list)) {
    for (element tag : *list) {
      const auto type = json::get_string(tag, "type");
      if (type && *type != "topic") continue;
      if (const auto name = json::get_string(tag, "name")) add_tag(m, plain_text(*name));
    }
  }
  for (auto& topic : normalize::extract_topics(m.text))
    add_tag(m, std::move(topic));
  if (m.title) {
    for (auto& topic : normalize::extract_topics(*m.title))
      add_tag(m, std::move(topic));
  }
}

void read_metrics(element card,
                  const NoteKeys& k,
                  model::Mention& m,
                  const std::string& where,
                  ParseResult& result) {
  const auto info = field(card, k.interact_info);
  if (!info) return;
  const std::string at = where + "." + std::string(k.interact_info);
  m.metrics.likes = read_count(*info, k.liked_count, at, result, &m);
  m.metrics.collects = read_count(*info, k.collected_count, at, result, &m);
  m.metrics.comments = read_count(*info, k.comment_count, at, result, &m);
  m.metrics.shares = read_count(*info, k.share_count, at, result, &m);
}

std::optional<std::string> note_id_of(element card,
                                      const NoteKeys& k,
                                      std::string_view fallback_id) {
  if (!k.note_id.empty()) {
    if (auto id = json::get_id(card, k.note_id)) return id;
  }
  if (fallback_id.empty()) return std::nullopt;
  return std::string(fallback_id);
}

}  // namespace

std::optional<ParsedItem> map_note(const Context& ctx,
                                   element card,
                                   const NoteKeys& k,
                                   std::string_view fallback_id,
                                   const std::string& where,
                                   ParseResult& result) {
  if (!card.is_object()) {
    skip_item(result, where, "note is not an object");
    return std::nullopt;
  }
  const auto id = note_id_of(card, k, fallback_id);
  if (!id || !valid_id(*id)) {
    skip_item(result, where, id ? "note id \"" + *id + "\" not usable" : "missing note id");
    return std::nullopt;
  }
  ParsedItem item;
  model::Mention& m = item.mention;
  m = new_mention(ctx, model::Kind::kNote);
  m.native_id = *id;
  m.url = note_url(*id);
  m.title = text_field(card, k.title);
  m.text = text_field(card, k.desc).value_or(std::string());
  read_tags(card, k, m);
  read_media(card, k, m);
  if (!k.time.empty()) read_epoch_time(card, k.time, m, where, result);
  if (const auto user = field(card, k.user)) {
    read_author(*user,
                {k.user_id, k.nickname, k.alt_nickname},
                m,
                where + "." + std::string(k.user),
                result);
  }
  read_metrics(card, k, m, where, result);
  if (const auto ip = json::get_string(card, k.ip_location)) {
    m.ip_location = normalize::normalize_ip_location(*ip);
  }
  item.xsec_token = std::string(json::get_string(card, k.xsec_token).value_or(""));
  return item;
}

}  // namespace koubei::parsers::xiaohongshu
