#pragma once
// Media URLs of XHS notes and comment pictures, in either key spelling (note_keys.hpp).
//
// An image object is one of (feed, search, state, comment pictures):
//   {"url_default":"http://sns-webpic-qc.xhscdn.com/…!nd_dft_wlteh_webp_3",
//    "url_pre":"http://…!nd_prv_wlteh_webp_3",
//    "info_list":[{"image_scene":"WB_PRV","url":"…"},{"image_scene":"WB_DFT","url":"…"}]}
//   older: {"url":"","info_list":[{"image_scene":"CRD_PRV_WEBP","url":"…"},
//                                 {"image_scene":"CRD_WM_WEBP","url":"…"}]}
// The full-size picture is chosen: url_default, else the info_list entry of scene WB_DFT, else
// the first entry that is not a preview (*PRV*), else url, else url_pre, else any entry.
//
// A video note has
//   "video":{"consumer":{"origin_video_key":"pre_post/1000g0cg2avatijah40005n40ofvlikco6f35ot8"},
//            "media":{"stream":{"h264":[{"master_url":"http://sns-video-hw.xhscdn.net/…mp4"}]}}}
// and its URL is http://sns-video-bd.xhscdn.com/{origin_video_key} (the original, without the
// watermark), else the first h264 master_url.
//
// Only http(s) URLs are returned ("//host/…" becomes "https://host/…").

#include "parsers/json/fields.hpp"
#include "parsers/xiaohongshu/note_keys.hpp"

#include <optional>
#include <string>

namespace koubei::parsers::xiaohongshu {

using json::element;

std::optional<std::string> image_url(element image, const NoteKeys& keys);

/// REQUIRES: keys.video is not empty.
std::optional<std::string> video_url(element video, const NoteKeys& keys);

}  // namespace koubei::parsers::xiaohongshu
