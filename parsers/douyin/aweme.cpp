#include "parsers/douyin/aweme.hpp"

#include "parsers/douyin/author.hpp"
#include "parsers/douyin/fields.hpp"
#include "parsers/normalize/ip_location.hpp"

namespace koubei::parsers::douyin {
namespace {

/// aweme_type of an image post (图文); media_type 2 says the same but is not always sent.
constexpr std::int64_t kImagePostType = 68;

bool is_image_post(json::element aweme, const AwemeKeys& keys) {
  if (json::get_int(aweme, keys.aweme_type) == kImagePostType) return true;
  const auto images = json::get_array(aweme, keys.images);
  return images && images->size() > 0;
}

void read_metrics(json::element aweme,
                  const AwemeKeys& keys,
                  const std::string& where,
                  ParseResult& result,
                  model::Mention& m) {
  const auto stats = json::get(aweme, keys.stats);
  const std::string at = member_path(where, keys.stats);
  if (!stats) {
    result.diagnostics.push_back({at, "missing: no engagement counts"});
    return;
  }
  bool capped = false;
  m.metrics.likes = read_count(*stats, keys.likes, at, result, capped);
  m.metrics.comments = read_count(*stats, keys.comments, at, result, capped);
  m.metrics.shares = read_count(*stats, keys.shares, at, result, capped);
  m.metrics.collects = read_count(*stats, keys.collects, at, result, capped);
  // The web API sends play_count 0 for every aweme: that is "not returned", not zero views.
  const auto views = read_count(*stats, keys.views, at, result, capped);
  if (views && *views > 0) m.metrics.views = views;
  m.metrics_capped = capped;
}

std::optional<std::string> video_url(json::element video, const AwemeKeys& keys) {
  if (const auto play = json::get(video, keys.play_addr)) {
    if (auto url = first_url(*play, keys.url_list)) return url;
  }
  const auto rates = json::get_array(video, keys.bit_rate);
  if (!rates) return std::nullopt;
  for (json::element rate : *rates) {
    const auto play = json::get(rate, keys.play_addr);
    if (!play) continue;
    if (auto url = first_url(*play, keys.url_list)) return url;
  }
  return std::nullopt;
}

void read_media(json::element aweme, const AwemeKeys& keys, bool image_post, model::Mention& m) {
  if (image_post) {
    const auto images = json::get_array(aweme, keys.images);
    if (!images) return;
    for (json::element image : *images) {
      if (auto url = first_url(image, keys.url_list)) {
        m.media.push_back({model::MediaType::kImage, std::move(*url)});
      }
    }
    return;
  }
  const auto video = json::get(aweme, keys.video);
  if (!video) return;
  if (auto url = video_url(*video, keys)) {
    m.media.push_back({model::MediaType::kVideo, std::move(*url)});
  }
}

}  // namespace

std::optional<ParsedItem> map_aweme(const Context& ctx,
                                    json::element aweme,
                                    const AwemeKeys& keys,
                                    const std::string& where,
                                    ParseResult& result) {
  const auto id = read_native_id(aweme, keys.id);
  if (!id) {
    skip_item(result, where, "missing or invalid " + std::string(keys.id));
    return std::nullopt;
  }
  ParsedItem item;
  model::Mention& m = item.mention;
  m = new_mention(ctx, model::Kind::kVideo);
  m.native_id = *id;
  const bool image_post = is_image_post(aweme, keys);
  m.url = std::string("https://www.douyin.com/") + (image_post ? "note/" : "video/") + *id;
  if (const auto desc = json::get_string(aweme, keys.desc)) m.text = std::string(*desc);
  m.tags = read_topics(aweme, keys.text_extra, keys.hashtag_name);
  read_created_at(aweme, keys.create_time, where, result, m);
  if (const auto author = json::get(aweme, keys.author)) {
    m.author = read_author(*author, keys.user, member_path(where, keys.author), result);
    remember_author(result, m.author);
  } else {
    result.diagnostics.push_back({member_path(where, keys.author), "missing"});
  }
  read_metrics(aweme, keys, where, result, m);
  if (const auto ip = json::get_string(aweme, keys.ip_label)) {
    m.ip_location = normalize::normalize_ip_location(*ip);
  }
  read_media(aweme, keys, image_post, m);
  return item;
}

}  // namespace koubei::parsers::douyin
