#pragma once
// The key names of one XHS note object in its three spellings, so that one mapper
// (note_mapper.hpp) serves every page that carries notes:
//   kApiKeys         feed API note_card (snake_case):   note_id, title, desc, interact_info, …
//   kStateKeys       explore HTML __INITIAL_STATE__ (camelCase): noteId, interactInfo, imageList, …
//   kSearchCardKeys  search API note_card: the API keys, but display_title for the title, no
//                    desc/time/tags/video, nick_name beside nickname, and no id (the id is the
//                    search item's `id`)
// An empty key means "this spelling has no such field".

#include <string_view>

namespace koubei::parsers::xiaohongshu {

struct NoteKeys {
  std::string_view note_id, type, title, desc, time, ip_location;
  std::string_view user, user_id, nickname, alt_nickname;
  std::string_view interact_info, liked_count, collected_count, comment_count, share_count;
  std::string_view image_list, cover, url_default, url_pre, info_list, image_scene, url;
  std::string_view tag_list;  ///< entries {name, type:"topic"}
  std::string_view video, consumer, origin_video_key, media, stream, h264, master_url;
  std::string_view xsec_token;
};

inline constexpr NoteKeys kApiKeys{
    .note_id = "note_id",
    .type = "type",
    .title = "title",
    .desc = "desc",
    .time = "time",
    .ip_location = "ip_location",
    .user = "user",
    .user_id = "user_id",
    .nickname = "nickname",
    .alt_nickname = "nick_name",
    .interact_info = "interact_info",
    .liked_count = "liked_count",
    .collected_count = "collected_count",
    .comment_count = "comment_count",
    .share_count = "share_count",
    .image_list = "image_list",
    .cover = "cover",
    .url_default = "url_default",
    .url_pre = "url_pre",
    .info_list = "info_list",
    .image_scene = "image_scene",
    .url = "url",
    .tag_list = "tag_list",
    .video = "video",
    .consumer = "consumer",
    .origin_video_key = "origin_video_key",
    .media = "media",
    .stream = "stream",
    .h264 = "h264",
    .master_url = "master_url",
    .xsec_token = "xsec_token",
};

inline constexpr NoteKeys kStateKeys{
    .note_id = "noteId",
    .type = "type",
    .title = "title",
    .desc = "desc",
    .time = "time",
    .ip_location = "ipLocation",
    .user = "user",
    .user_id = "userId",
    .nickname = "nickname",
    .alt_nickname = "nickName",
    .interact_info = "interactInfo",
    .liked_count = "likedCount",
    .collected_count = "collectedCount",
    .comment_count = "commentCount",
    .share_count = "shareCount",
    .image_list = "imageList",
    .cover = "cover",
    .url_default = "urlDefault",
    .url_pre = "urlPre",
    .info_list = "infoList",
    .image_scene = "imageScene",
    .url = "url",
    .tag_list = "tagList",
    .video = "video",
    .consumer = "consumer",
    .origin_video_key = "originVideoKey",
    .media = "media",
    .stream = "stream",
    .h264 = "h264",
    .master_url = "masterUrl",
    .xsec_token = "xsecToken",
};

constexpr NoteKeys search_card_keys() {
  NoteKeys k = kApiKeys;
  k.note_id = {};
  k.title = "display_title";
  k.desc = {};
  k.time = {};
  k.tag_list = {};
  k.video = {};
  return k;
}

inline constexpr NoteKeys kSearchCardKeys = search_card_keys();

}  // namespace koubei::parsers::xiaohongshu
