#include "parsers/weibo/mblog_media.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/weibo/record_fields.hpp"

#include <array>
#include <utility>

namespace koubei::parsers::weibo {
namespace {

std::optional<std::string> url_at(std::optional<simdjson::dom::element> obj, std::string_view key) {
  if (!obj) return std::nullopt;
  const auto s = json::get_string(*obj, key);
  return s ? absolute_url(*s) : std::nullopt;
}

void add_pictures(simdjson::dom::element mblog, std::vector<model::Media>& out) {
  const auto pics = json::get_array(mblog, "pics");
  if (!pics) return;
  for (const simdjson::dom::element pic : *pics) {
    if (auto url = picture_url(pic)) out.push_back({model::MediaType::kImage, std::move(*url)});
  }
}

void add_video(simdjson::dom::element mblog, std::vector<model::Media>& out) {
  const auto info = json::get(mblog, "page_info");
  if (!info || json::get_string(*info, "type") != "video") return;
  const auto media_info = json::get(*info, "media_info");
  const auto urls = json::get(*info, "urls");
  using Candidate = std::pair<std::optional<simdjson::dom::element>, std::string_view>;
  const std::array<Candidate, 6> candidates = {{
      {media_info, "stream_url_hd"},
      {media_info, "stream_url"},
      {media_info, "mp4_720p_mp4"},
      {urls, "mp4_720p_mp4"},
      {urls, "mp4_hd_mp4"},
      {urls, "mp4_ld_mp4"},
  }};
  for (const auto& [obj, key] : candidates) {
    if (auto url = url_at(obj, key)) {
      out.push_back({model::MediaType::kVideo, std::move(*url)});
      return;
    }
  }
}

}  // namespace

std::optional<std::string> picture_url(simdjson::dom::element pic) {
  auto url = url_at(json::get(pic, "large"), "url");
  return url ? url : url_at(pic, "url");
}

std::vector<model::Media> read_mblog_media(simdjson::dom::element mblog) {
  std::vector<model::Media> media;
  add_pictures(mblog, media);
  add_video(mblog, media);
  return media;
}

}  // namespace koubei::parsers::weibo
