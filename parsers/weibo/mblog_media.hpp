#pragma once
// The media of an mblog: pictures and a video.
//
//   "pics": [{"pid": "…", "url": "https://wx3.sinaimg.cn/orj360/….jpg",
//             "large": {"url": "https://wx3.sinaimg.cn/large/….jpg"}}],
//   "page_info": {"type": "video",
//                 "media_info": {"stream_url_hd": "…", "stream_url": "…", "mp4_720p_mp4": "…"},
//                 "urls": {"mp4_720p_mp4": "…", "mp4_hd_mp4": "…", "mp4_ld_mp4": "…"}}
//
// Pictures: large.url, else url, made absolute (protocol-relative → https); in page order.
// Video (page_info.type == "video" only; other page_info types are link cards): the first of
// media_info.stream_url_hd, stream_url, mp4_720p_mp4, then urls.mp4_720p_mp4, mp4_hd_mp4,
// mp4_ld_mp4 (weibo-crawler get_video_url reads both objects). Unusable URLs are left out.

#include "parsers/model/mention.hpp"

#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

namespace koubei::parsers::weibo {

std::vector<model::Media> read_mblog_media(simdjson::dom::element mblog);

/// A picture object's URL: large.url, else url, made absolute (also used for a comment's `pic`).
std::optional<std::string> picture_url(simdjson::dom::element pic);

}  // namespace koubei::parsers::weibo
