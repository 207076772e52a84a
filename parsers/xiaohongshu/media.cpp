#include "parsers/xiaohongshu/media.hpp"

namespace koubei::parsers::xiaohongshu {
namespace {

constexpr std::string_view kVideoHost = "http://sns-video-bd.xhscdn.com/";

bool has_space(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>') return true;
  }
  return false;
}

std::optional<std::string> http_url(std::optional<std::string_view> url) {
  if (!url || has_space(*url)) return std::nullopt;
  if (url->starts_with("http://") || url->starts_with("https://")) return std::string(*url);
  if (url->starts_with("//") && url->size() > 2) return "https:" + std::string(*url);
  return std::nullopt;
}

/// Rank of an info_list entry: 0 WB_DFT, 1 any non-preview scene, 2 a preview.
int scene_rank(std::string_view scene) {
  if (scene == "WB_DFT") return 0;
  return scene.find("PRV") == std::string_view::npos ? 1 : 2;
}

std::optional<std::string> best_of_info_list(element image, const NoteKeys& k, int worst_rank) {
  const auto list = json::get_array(image, k.info_list);
  if (!list) return std::nullopt;
  std::optional<std::string> best;
  int best_rank = worst_rank + 1;
  for (element entry : *list) {
    auto url = http_url(json::get_string(entry, k.url));
    const int rank = scene_rank(json::get_string(entry, k.image_scene).value_or(""));
    if (url && rank < best_rank) {
      best = std::move(url);
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace

std::optional<std::string> image_url(element image, const NoteKeys& k) {
  if (auto url = http_url(json::get_string(image, k.url_default))) return url;
  if (auto url = best_of_info_list(image, k, 1)) return url;
  if (auto url = http_url(json::get_string(image, k.url))) return url;
  if (auto url = http_url(json::get_string(image, k.url_pre))) return url;
  return best_of_info_list(image, k, 2);
}

std::optional<std::string> video_url(element video, const NoteKeys& k) {
  if (const auto consumer = json::get(video, k.consumer)) {
    const auto key = json::get_string(*consumer, k.origin_video_key);
    if (key && !key->empty() && !has_space(*key) && !key->starts_with("/")) {
      return std::string(kVideoHost) + std::string(*key);
    }
  }
  const auto stream = json::at_path(video, std::string(k.media) + "." + std::string(k.stream));
  if (!stream) return std::nullopt;
  const auto h264 = json::get_array(*stream, k.h264);
  if (!h264) return std::nullopt;
  for (element entry : *h264) {
    if (auto url = http_url(json::get_string(entry, k.master_url))) return url;
  }
  return std::nullopt;
}

}  // namespace koubei::parsers::xiaohongshu
