#pragma once
// One aweme (a video or an image post) → one record of kind "video"; the single mapper behind
// douyin.search_api, douyin.detail_api (snake_case) and douyin.video_html (camelCase), selected by
// a key table from keys.hpp.
//
//   {"aweme_id": "7441234567890123456",         → native_id, id "douyin:video:{aweme_id}"
//    "aweme_type": 0 | 68 (图文),                ┐ 68 or a non-empty images[] is an image post:
//    "images": [{"url_list": [u, …]}] | null,    ┘ url https://www.douyin.com/note/{id}, media
//                                                   images; otherwise /video/{id} and the video
//    "desc": "成都这家火锅… #火锅 #成都美食 @小王", → text as is (plain text, no HTML)
//    "text_extra": [{"hashtag_name": "火锅"}],     → tags (Douyin writes "#话题" unclosed, so the
//                                                   list is the source, not extract_topics)
//    "create_time": 1763776800,                  → created_at (unix seconds), precision second
//    "author": {…},                              → author (author.hpp) and result.authors
//    "statistics": {"digg_count": 2048, "comment_count": 356, "share_count": 97,
//                   "collect_count": 410, "play_count": 0},
//                                                → likes, comments, shares, collects; views only
//                                                   when play_count > 0 (the web API sends 0,
//                                                   which is not real data: null)
//    "ip_label": "四川",                          → ip_location
//    "video": {"play_addr": {"url_list": [u]}, "bit_rate": [{"play_addr": {…}}]},
//                                                → media video: play_addr, else the first bit rate
//    "share_url": "…"}                           ignored (the canonical URL is built instead)
//
// Thread safety: stateless.

#include "parsers/context.hpp"
#include "parsers/douyin/keys.hpp"
#include "parsers/json/fields.hpp"

#include <optional>
#include <string>

namespace koubei::parsers::douyin {

/// Maps the aweme at `where` (e.g. "data[3].aweme_info"). Its author joins result.authors; degraded
/// fields add Diagnostics. An aweme without a usable id is skipped (counted) and yields nullopt.
std::optional<ParsedItem> map_aweme(const Context& ctx,
                                    json::element aweme,
                                    const AwemeKeys& keys,
                                    const std::string& where,
                                    ParseResult& result);

}  // namespace koubei::parsers::douyin
