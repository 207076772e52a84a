#pragma once
// The two spellings of Douyin's aweme (video or image post) and user objects.
//
// The web APIs (search, detail, comments, profile) send snake_case objects; the /video/{id} page's
// RENDER_DATA store holds the same data in camelCase. One mapper (aweme.hpp, author.hpp) reads
// both, parameterised by these key tables, so the two spellings cannot drift apart.
//
//   API  (snake)                                  RENDER_DATA (camel)
//   "aweme_id": "7441…"                           "awemeId": "7441…"
//   "aweme_type": 68                              "awemeType": 68
//   "create_time": 1763776800                     "createTime": 1763776800
//   "author": {"uid","sec_uid","nickname",        "authorInfo": {"uid","secUid","nickname",
//     "custom_verify","enterprise_verify_reason",   "customVerify","enterpriseVerifyReason",
//     "follower_count"}                             "followerCount"}
//   "statistics": {"digg_count","comment_count",  "stats": {"diggCount","commentCount",
//     "share_count","collect_count","play_count"}   "shareCount","collectCount","playCount"}
//   "ip_label": "广东"                             "ipLabel": "广东" (often absent)
//   "text_extra": [{"hashtag_name": "火锅"}]       "textExtra": [{"hashtagName": "火锅"}]
//   "video": {"play_addr": {"url_list": [u]},     "video": {"playAddr": [{"src": "//…"}],
//     "bit_rate": [{"play_addr": {…}}]}             "bitRateList": [{"playAddr": [{"src"}]}]}
//   "images": [{"url_list": [u]}]                 "images": [{"urlList": [u]}]
//
// Thread safety: constants only.

#include <string_view>

namespace koubei::parsers::douyin {

/// Member names of a user object (aweme author, comment user, profile user).
struct UserKeys {
  std::string_view uid;
  std::string_view sec_uid;
  std::string_view nickname;
  std::string_view custom_verify;
  std::string_view enterprise_verify_reason;
  std::string_view follower_count;
};

/// Member names of an aweme object.
struct AwemeKeys {
  std::string_view id;
  std::string_view aweme_type;
  std::string_view desc;
  std::string_view create_time;
  std::string_view author;
  UserKeys user;
  std::string_view stats;
  std::string_view likes;
  std::string_view comments;
  std::string_view shares;
  std::string_view collects;
  std::string_view views;
  std::string_view ip_label;
  std::string_view text_extra;
  std::string_view hashtag_name;
  std::string_view video;
  std::string_view play_addr;  ///< in video and in each bit-rate entry
  std::string_view bit_rate;
  std::string_view images;
  std::string_view url_list;  ///< in an address object and in each image
};

inline constexpr UserKeys kSnakeUser{
    .uid = "uid",
    .sec_uid = "sec_uid",
    .nickname = "nickname",
    .custom_verify = "custom_verify",
    .enterprise_verify_reason = "enterprise_verify_reason",
    .follower_count = "follower_count",
};

inline constexpr UserKeys kCamelUser{
    .uid = "uid",
    .sec_uid = "secUid",
    .nickname = "nickname",
    .custom_verify = "customVerify",
    .enterprise_verify_reason = "enterpriseVerifyReason",
    .follower_count = "followerCount",
};

inline constexpr AwemeKeys kSnakeAweme{
    .id = "aweme_id",
    .aweme_type = "aweme_type",
    .desc = "desc",
    .create_time = "create_time",
    .author = "author",
    .user = kSnakeUser,
    .stats = "statistics",
    .likes = "digg_count",
    .comments = "comment_count",
    .shares = "share_count",
    .collects = "collect_count",
    .views = "play_count",
    .ip_label = "ip_label",
    .text_extra = "text_extra",
    .hashtag_name = "hashtag_name",
    .video = "video",
    .play_addr = "play_addr",
    .bit_rate = "bit_rate",
    .images = "images",
    .url_list = "url_list",
};

inline constexpr AwemeKeys kCamelAweme{
    .id = "awemeId",
    .aweme_type = "awemeType",
    .desc = "desc",
    .create_time = "createTime",
    .author = "authorInfo",
    .user = kCamelUser,
    .stats = "stats",
    .likes = "diggCount",
    .comments = "commentCount",
    .shares = "shareCount",
    .collects = "collectCount",
    .views = "playCount",
    .ip_label = "ipLabel",
    .text_extra = "textExtra",
    .hashtag_name = "hashtagName",
    .video = "video",
    .play_addr = "playAddr",
    .bit_rate = "bitRateList",
    .images = "images",
    .url_list = "urlList",
};

}  // namespace koubei::parsers::douyin
