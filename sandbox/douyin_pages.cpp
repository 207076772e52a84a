#include "sandbox/douyin_pages.hpp"

#include <cstdlib>

#include "sandbox/body_json.hpp"
#include "sandbox/ids.hpp"
#include "sandbox/weibo_pages.hpp"

namespace koubei::sandbox::douyin {
namespace {

constexpr PlatformId kDouyin = PlatformId::kDouyin;

/// Douyin writes topics unclosed ("#火锅 ") and lists them in text_extra.
std::string douyin_text(std::string_view text, std::string* topic) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#') {
      const std::size_t end = text.find('#', i + 1);
      if (end != std::string_view::npos) {
        if (topic) *topic = std::string(text.substr(i + 1, end - i - 1));
        out += text.substr(i, end - i);
        out += ' ';
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string verify(Verification v, bool enterprise) {
  switch (v) {
    case Verification::kPersonal: return enterprise ? "" : "美食自媒体";
    case Verification::kMedia: return enterprise ? "" : "知名媒体";
    case Verification::kOrganization: return enterprise ? "品牌官方账号" : "";
    case Verification::kGovernment: return enterprise ? "政务号" : "";
    case Verification::kNone: return "";
  }
  return "";
}

void append_author(std::string& out, const World& w, std::uint32_t index, bool camel) {
  const Author& a = w.author(kDouyin, index);
  out += R"({"uid":")" + douyin_uid(index) + (camel ? R"(","secUid":")" : R"(","sec_uid":")") +
         author_id(kDouyin, index) + R"(","nickname":)";
  js(out, a.name);
  out += camel ? R"(,"customVerify":")" : R"(,"custom_verify":")";
  out += verify(a.verification, false);
  out += camel ? R"(","enterpriseVerifyReason":")" : R"(","enterprise_verify_reason":")";
  out += verify(a.verification, true) + "\"";
  if (camel) out += R"(,"followerCount":)" + std::to_string(a.followers);
  out += "}";
}

void append_aweme(std::string& out, const PageContext& ctx, const Post& p, bool camel) {
  const std::string id = post_id(kDouyin, p.key);
  std::string topic;
  const std::string desc = douyin_text(p.text, &topic);
  const auto k = [camel](std::string_view snake, std::string_view cam) {
    return std::string(camel ? cam : snake);
  };
  out += "{\"" + k("aweme_id", "awemeId") + "\":\"" + id + "\",\"" + k("aweme_type", "awemeType") +
         "\":" + (p.video ? "0" : "68") + ",\"desc\":";
  js(out, desc);
  out += ",\"" + k("create_time", "createTime") + "\":" + std::to_string(p.created / 1000) + ",\"" +
         k("author", "authorInfo") + "\":";
  append_author(out, ctx.world, p.author, camel);
  out += ",\"" + k("statistics", "stats") + "\":{\"" + k("digg_count", "diggCount") + "\":" +
         std::to_string(p.likes) + ",\"" + k("comment_count", "commentCount") + "\":" +
         std::to_string(ctx.world.comments_existing(p, ctx.now)) + ",\"" +
         k("share_count", "shareCount") + "\":" + std::to_string(p.shares) + ",\"" +
         k("collect_count", "collectCount") + "\":" + std::to_string(p.collects) + ",\"" +
         k("play_count", "playCount") + "\":0},\"" + k("ip_label", "ipLabel") + "\":\"" +
         weibo::region_of(hash_of(ctx.world.seed(), {p.key.bucket, p.key.index})) + "\",\"" +
         k("text_extra", "textExtra") + "\":[";
  if (!topic.empty()) {
    out += "{\"" + k("hashtag_name", "hashtagName") + "\":";
    js(out, topic);
    out += "}";
  }
  out += "]";
  const std::string media = "https://v3-web.douyinvod.com/" + id + "/video.mp4";
  if (p.video) {
    out += camel ? R"(,"video":{"playAddr":[{"src":"//v3-web.douyinvod.com/)" + id + R"(/video.mp4"}]})"
                 : R"(,"video":{"play_addr":{"url_list":[")" + media + R"("]}})";
  } else {
    out += camel ? R"(,"images":[{"urlList":["https://p3-pc-sign.douyinpic.com/)" + id + R"(.webp"]}])"
                 : R"(,"images":[{"url_list":["https://p3-pc-sign.douyinpic.com/)" + id + R"(.webp"]}])";
  }
  if (!camel) {
    out += R"(,"share_url":"https://www.iesdouyin.com/share/video/)" + id +
           R"(/","status":{"is_delete":false,"is_prohibited":false,"private_status":0})";
  }
  out += "}";
}

void append_comment(std::string& out, const PageContext& ctx, const Post& post, const Comment& c) {
  std::string topic;
  out += R"({"cid":")" + comment_id(kDouyin, post.key, c.index, c.reply) + R"(","aweme_id":")" +
         post_id(kDouyin, post.key) + R"(","text":)";
  js(out, douyin_text(c.text, &topic));
  out += R"(,"create_time":)" + std::to_string(c.created / 1000) + R"(,"digg_count":)" +
         std::to_string(c.likes) + R"(,"reply_comment_total":)" +
         std::to_string(c.reply ? 0 : ctx.world.replies_existing(c, ctx.now)) + R"(,"reply_id":")" +
         (c.reply ? comment_id(kDouyin, post.key, c.index, 0) : std::string("0")) +
         R"(","reply_to_reply_id":"0","ip_label":")" +
         weibo::region_of(hash_of(ctx.world.seed(), {c.author, 7})) + R"(","user":)";
  append_author(out, ctx.world, c.author, false);
  out += "}";
}

std::optional<Post> find(const PageContext& ctx, std::string_view id) {
  const auto key = parse_post_id(kDouyin, id);
  return key ? ctx.world.post(kDouyin, *key, ctx.now) : std::nullopt;
}

// One search row in one of the variants Douyin mixes on a page.
void append_row(std::string& out, const PageContext& ctx, const Post& p, std::size_t i) {
  switch (i % 5) {
    case 1:
      out += R"({"type":1,"card_info":{"attached_info":{"aweme_list":[)";
      append_aweme(out, ctx, p, false);
      out += "]}}}";
      return;
    case 2:
      out += R"({"type":996,"aweme_mix_info":{"mix_items":[)";
      append_aweme(out, ctx, p, false);
      out += "]}}";
      return;
    case 3:
      out += R"({"type":4,"user_list":[{"user_info":)";
      append_author(out, ctx.world, p.author, false);
      out += R"(,"items":[)";
      append_aweme(out, ctx, p, false);
      out += "]}]}";
      return;
    default:
      out += R"({"type":1,"aweme_info":)";
      append_aweme(out, ctx, p, false);
      out += "}";
  }
}

}  // namespace

Response search(const PageContext& ctx, const Request& req) {
  const std::string keyword = query_param(req.query, "keyword").value_or("");
  const auto offset = static_cast<std::size_t>(std::max(0, std::atoi(query_param(req.query, "offset").value_or("0").c_str())));
  std::size_t count = static_cast<std::size_t>(std::atoi(query_param(req.query, "count").value_or("15").c_str()));
  if (count == 0 || count > 30) count = kDefaultCount;
  const std::string filter = query_param(req.query, "filter_selected").value_or("{}");
  const bool by_likes = body_field(filter, "sort_type").value_or("0") == "1";
  const long days = std::atol(body_field(filter, "publish_time").value_or("0").c_str());
  const Millis since = days > 0 ? ctx.now - days * 86400000 : ctx.world.start();
  const auto stream = ctx.world.query_stream(kDouyin, keyword);
  PageSlice s;
  if (stream) s = page_of(ctx, kDouyin, *stream, since, ctx.now + 1, offset, count, kSearchCap, by_likes);
  const std::string logid = keyed_hex(ctx.world.signing_key(), keyword + std::to_string(offset)).substr(0, 24);
  std::string out;
  out.reserve(24576);
  out += R"({"status_code":0,"has_more":)" + std::string(s.more ? "1" : "0") +
                    R"(,"cursor":)" + std::to_string(offset + s.posts.size()) +
                    R"(,"extra":{"logid":")" + logid + R"("},"data":[)";
  for (std::size_t i = 0; i < s.posts.size(); ++i) {
    if (i) out += ",";
    if (i == 2) out += R"({"type":16,"live_info":{"room_id":"1"}},)";
    append_row(out, ctx, s.posts[i], offset + i);
  }
  out += "]";
  if (s.posts.empty()) out += R"(,"search_nil_info":{"search_nil_type":"no_result","search_nil_item":"no_result"})";
  out += "}";
  return json_response(std::move(out));
}

Response detail(const PageContext& ctx, const Request& req) {
  const std::string id = query_param(req.query, "aweme_id").value_or("");
  const auto post = find(ctx, id);
  if (!post) {
    std::string out = R"({"status_code":0,"aweme_detail":null,"filter_detail":{"aweme_id":)";
    js(out, id);  // the client's text: escaped
    out += R"(,"filter_reason":"status_deleted","detail_msg":"因作品权限或已被删除，无法观看，去看看其他作品吧"}})";
    return json_response(std::move(out));
  }
  std::string out = R"({"status_code":0,"aweme_detail":)";
  append_aweme(out, ctx, *post, false);
  out += R"(,"log_pb":{"impr_id":"1"}})";
  return json_response(std::move(out));
}

Response comments(const PageContext& ctx, const Request& req, bool replies) {
  const std::string id = query_param(req.query, replies ? "item_id" : "aweme_id").value_or("");
  const auto post = find(ctx, id);
  const auto cursor = static_cast<std::uint32_t>(std::max(0, std::atoi(query_param(req.query, "cursor").value_or("0").c_str())));
  std::vector<Comment> list;
  std::uint32_t total = 0;
  if (post && replies) {
    const auto root = parse_comment_id(kDouyin, query_param(req.query, "comment_id").value_or(""));
    if (root && root->post == post->key && root->index < ctx.world.comments_existing(*post, ctx.now)) {
      const Comment top = ctx.world.comment(*post, root->index);
      total = ctx.world.replies_existing(top, ctx.now);
      for (std::uint32_t r = cursor + 1; r <= total && list.size() < kCommentPage; ++r) {
        list.push_back(ctx.world.reply(top, r));
      }
    }
  } else if (post) {
    total = ctx.world.comments_existing(*post, ctx.now);
    for (std::uint32_t i = cursor; i < total && list.size() < kCommentPage; ++i) {
      list.push_back(ctx.world.comment(*post, i));
    }
  }
  const std::uint32_t next = cursor + static_cast<std::uint32_t>(list.size());
  std::string out = R"({"status_code":0,"cursor":)" + std::to_string(next) + R"(,"has_more":)" +
                    (next < total ? "1" : "0") + R"(,"total":)" + std::to_string(total) +
                    R"(,"comments":)";
  if (list.empty()) {
    out += "null";
  } else {
    out += "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ",";
      append_comment(out, ctx, *post, list[i]);
    }
    out += "]";
  }
  out += "}";
  return json_response(std::move(out));
}

Response profile(const PageContext& ctx, const Request& req) {
  const auto index = parse_author_id(kDouyin, query_param(req.query, "sec_user_id").value_or(""));
  if (!index || *index >= ctx.world.author_count()) {
    return json_response(R"({"status_code":0,"user":null})");
  }
  const Author& a = ctx.world.author(kDouyin, *index);
  // Some accounts hide their fans: follower_count 0, the broader counts still given.
  const bool hidden = *index % 7 == 3;
  std::string out = R"({"status_code":0,"user":{"uid":")" + douyin_uid(*index) + R"(","sec_uid":")" +
                    author_id(kDouyin, *index) + R"(","nickname":)";
  js(out, a.name);
  out += R"(,"follower_count":)" + std::to_string(hidden ? 0 : a.followers) +
         R"(,"mplatform_followers_count":)" + std::to_string(a.followers) +
         R"(,"max_follower_count":)" + std::to_string(a.followers) + R"(,"custom_verify":")" +
         verify(a.verification, false) + R"(","enterprise_verify_reason":")" +
         verify(a.verification, true) + R"(","following_count":210,"total_favorited":)" +
         std::to_string(a.followers * 5) + R"(,"aweme_count":)" + std::to_string(10 + *index % 300) +
         R"(,"ip_location":"IP属地：四川","unique_id":"sbx)" + std::to_string(*index) +
         R"(","short_id":")" + std::to_string(100000 + *index) + R"("}})";
  return json_response(std::move(out));
}

Response video_html(const PageContext& ctx, std::string_view aweme_id, bool logged_in) {
  if (!logged_in) {
    return html_response(
        "<html><head><meta charset=\"utf-8\"></head><body><script>"
        "var _$jsvmprt=function(b,e,f){};_$jsvmprt('484e4f4a403f524300');</script></body></html>");
  }
  const auto post = find(ctx, aweme_id);
  std::string data = R"({"_location":)";
  js(data, "/video/" + std::string(aweme_id));
  data += R"(,"C_0":{"odin":{"user_id":"0"},"user":{"isLogin":true}},")";
  data += (post && post->key.index % 2) ? "c_12" : "41";
  data += R"(":{"aweme":)";
  if (post) {
    data += R"({"statusCode":0,"detail":)";
    append_aweme(data, ctx, *post, true);
    data += "}}}";
  } else {
    data += R"({"statusCode":0,"filterDetail":{"filterReason":"status_deleted","detailMsg":"作品已删除"}}}})";
  }
  std::string out =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>抖音</title></head><body>"
      "<div id=\"root\"></div><script id=\"RENDER_DATA\" type=\"application/json\">";
  out += url_encode(data);
  out += "</script></body></html>";
  return html_response(std::move(out));
}

}  // namespace koubei::sandbox::douyin
