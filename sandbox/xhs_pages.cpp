#include "sandbox/xhs_pages.hpp"

#include <cstdlib>

#include "sandbox/body_json.hpp"
#include "sandbox/ids.hpp"
#include "sandbox/weibo_pages.hpp"

namespace koubei::sandbox::xhs {
namespace {

constexpr PlatformId kXhs = PlatformId::kXiaohongshu;

std::string ok(std::string_view data) {
  return R"({"code":0,"success":true,"msg":"成功","data":)" + std::string(data) + "}";
}

/// XHS spells emoji "[赞R]" and topics "#x[话题]#".
std::string xhs_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ']' ) {
      out += "R]";
      continue;
    }
    if (c == '#') {
      const std::size_t end = text.find('#', i + 1);
      if (end != std::string_view::npos) {
        out += text.substr(i, end - i);
        out += "[话题]#";
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string image_url(const Post& p) {
  return "http://sns-webpic-qc.xhscdn.com/202611/" + post_id(kXhs, p.key) + "!nd_dft_wlteh_webp_3";
}

void append_user(std::string& out, const World& w, std::uint32_t index, bool camel) {
  const Author& a = w.author(kXhs, index);
  out += camel ? R"({"userId":")" : R"({"user_id":")";
  out += author_id(kXhs, index) + R"(","nickname":)";
  js(out, a.name);
  if (!camel) {
    out += R"(,"nick_name":)";
    js(out, a.name);
  }
  out += R"(,"avatar":"https://sns-avatar-qc.xhscdn.com/avatar/)" + author_id(kXhs, index) + "\"}";
}

// One note in the feed API's snake_case or the state's camelCase spelling.
void append_note(std::string& out, const PageContext& ctx, const Post& p, bool camel) {
  const std::string id = post_id(kXhs, p.key);
  const auto k = [camel](std::string_view snake, std::string_view cam) {
    return std::string(camel ? cam : snake);
  };
  out += "{\"" + k("note_id", "noteId") + "\":\"" + id + "\",\"type\":\"" +
         (p.video ? "video" : "normal") + "\",\"title\":";
  js(out, p.title);
  out += ",\"desc\":";
  js(out, xhs_text(p.text));
  out += ",\"time\":" + std::to_string(p.created) + ",\"" + k("last_update_time", "lastUpdateTime") +
         "\":" + std::to_string(p.created) + ",\"" + k("ip_location", "ipLocation") + "\":\"" +
         weibo::region_of(hash_of(ctx.world.seed(), {p.key.bucket, p.key.index})) + "\",\"user\":";
  append_user(out, ctx.world, p.author, camel);
  out += ",\"" + k("interact_info", "interactInfo") + "\":{\"" + k("liked_count", "likedCount") +
         "\":\"" + xhs_count(p.likes) + "\",\"" + k("collected_count", "collectedCount") + "\":\"" +
         xhs_count(p.collects) + "\",\"" + k("comment_count", "commentCount") + "\":\"" +
         xhs_count(ctx.world.comments_existing(p, ctx.now)) + "\",\"" + k("share_count", "shareCount") +
         "\":\"" + xhs_count(p.shares) + "\"},\"" + k("image_list", "imageList") + "\":[{\"" +
         k("url_default", "urlDefault") + "\":\"" + image_url(p) + "\",\"" + k("info_list", "infoList") +
         "\":[]}],\"" + k("tag_list", "tagList") + "\":[],\"" + k("at_user_list", "atUserList") + "\":[]";
  if (p.video) {
    out += ",\"video\":{\"consumer\":{\"" + k("origin_video_key", "originVideoKey") +
           "\":\"pre_post/" + id + "\"}}";
  }
  if (camel) out += ",\"xsecToken\":\"" + xsec_token(ctx.world, id) + "\"";
  out += "}";
}

void append_comment(std::string& out, const PageContext& ctx, const Post& post, const Comment& c) {
  const std::string id = comment_id(kXhs, post.key, c.index, c.reply);
  const std::string note = post_id(kXhs, post.key);
  out += R"({"id":")" + id + R"(","note_id":")" + note + R"(","content":)";
  js(out, xhs_text(c.text));
  out += R"(,"create_time":)" + std::to_string(c.created) + R"(,"ip_location":")" +
         weibo::region_of(hash_of(ctx.world.seed(), {c.author, 7})) + R"(","like_count":")" +
         std::to_string(c.likes) + R"(","status":0,"show_tags":[],"user_info":{"user_id":")" +
         author_id(kXhs, c.author) + R"(","nickname":)";
  js(out, ctx.world.author(kXhs, c.author).name);
  out += R"(,"image":"https://sns-avatar-qc.xhscdn.com/avatar/x"})";
  if (c.reply != 0) {
    out += R"(,"target_comment":{"id":")" + comment_id(kXhs, post.key, c.index, 0) +
           R"(","user_info":{"user_id":")" + author_id(kXhs, ctx.world.comment(post, c.index).author) +
           R"(","nickname":"x"}}})";
    return;
  }
  const std::uint32_t nr = ctx.world.replies_existing(c, ctx.now);
  const std::uint32_t inline_n = std::min<std::uint32_t>(nr, kInlineReplies);
  out += R"(,"sub_comment_count":")" + std::to_string(nr) + R"(","sub_comments":[)";
  for (std::uint32_t r = 1; r <= inline_n; ++r) {
    if (r > 1) out += ",";
    append_comment(out, ctx, post, ctx.world.reply(c, r));
  }
  out += R"(],"sub_comment_cursor":")" +
         (inline_n ? comment_id(kXhs, post.key, c.index, inline_n) : std::string()) +
         R"(","sub_comment_has_more":)" + (nr > inline_n ? "true" : "false") + "}";
}

std::optional<Post> find_note(const PageContext& ctx, std::string_view id) {
  const auto key = parse_post_id(kXhs, id);
  return key ? ctx.world.post(kXhs, *key, ctx.now) : std::nullopt;
}

}  // namespace

std::string xsec_token(const World& world, std::string_view note_id) {
  return "AB" + keyed_hex(world.signing_key() ^ 0x7853ULL, note_id) + "=";
}

Response search_notes(const PageContext& ctx, const Request& req) {
  const std::string keyword = body_field(req.body, "keyword").value_or("");
  const int page = std::max(1, std::atoi(body_field(req.body, "page").value_or("1").c_str()));
  const std::string sort = body_field(req.body, "sort").value_or("general");
  const auto stream = ctx.world.query_stream(kXhs, keyword);
  PageSlice s;
  if (stream && static_cast<std::size_t>(page) <= kLastPage) {
    s = page_of(ctx, kXhs, *stream, ctx.world.start(), ctx.now + 1,
                static_cast<std::size_t>(page - 1) * kPageSize, kPageSize, kPageSize * kLastPage,
                sort == "popularity_descending");
  }
  std::string out = R"({"has_more":)" + std::string(s.more ? "true" : "false") + R"(,"items":[)";
  for (std::size_t i = 0; i < s.posts.size(); ++i) {
    const Post& p = s.posts[i];
    const std::string id = post_id(kXhs, p.key);
    if (i) out += ",";
    if (i == 1 && page == 1) {
      // Search suggestions sit between the notes on the first page.
      out += R"({"id":"rq)" + id.substr(8) + R"(","model_type":"rec_query","rec_query":{"title":"相关搜索","queries":[]}},)";
    }
    out += R"({"id":")" + id + R"(","model_type":"note","xsec_token":")" + xsec_token(ctx.world, id) +
           R"(","note_card":{"type":")" + (p.video ? "video" : "normal") + R"(","display_title":)";
    js(out, p.title);
    out += R"(,"user":)";
    append_user(out, ctx.world, p.author, false);
    out += R"(,"interact_info":{"liked":false,"liked_count":")" + xhs_count(p.likes) +
           R"("},"cover":{"url_default":")" + image_url(p) + R"(","url_pre":")" + image_url(p) +
           R"("},"image_list":[{"info_list":[{"image_scene":"WB_PRV","url":")" + image_url(p) +
           R"("},{"image_scene":"WB_DFT","url":")" + image_url(p) + R"("}]}]}})";
  }
  out += "]}";
  return json_response(ok(out));
}

Response feed(const PageContext& ctx, const Request& req) {
  const std::string id = body_field(req.body, "source_note_id").value_or("");
  const std::string token = body_field(req.body, "xsec_token").value_or("");
  const auto post = find_note(ctx, id);
  if (!post) return json_response(R"({"code":-510000,"success":false,"msg":"笔记不存在"})");
  if (token != xsec_token(ctx.world, id)) {
    return json_response(R"({"code":-1,"success":false,"msg":"xsec_token 校验失败"})", 406);
  }
  std::string items = R"({"cursor_score":"","current_time":)" + std::to_string(ctx.now) +
                      R"(,"items":[{"id":")" + id + R"(","model_type":"note","note_card":)";
  append_note(items, ctx, *post, false);
  items += "}]}";
  return json_response(ok(items));
}

Response comments(const PageContext& ctx, const Request& req, bool sub_page) {
  const std::string id = query_param(req.query, "note_id").value_or("");
  const auto post = find_note(ctx, id);
  if (!post) return json_response(R"({"code":-510000,"success":false,"msg":"笔记不存在"})");
  const std::string cursor = query_param(req.query, "cursor").value_or("");
  const auto after = cursor.empty() ? std::nullopt : parse_comment_id(kXhs, cursor);
  std::vector<Comment> list;
  bool more = false;
  if (sub_page) {
    const auto root = parse_comment_id(kXhs, query_param(req.query, "root_comment_id").value_or(""));
    if (!root || !(root->post == post->key) || root->index >= ctx.world.comments_existing(*post, ctx.now)) {
      return json_response(ok(R"({"comments":[],"cursor":"","has_more":false})"));
    }
    const Comment top = ctx.world.comment(*post, root->index);
    const std::uint32_t nr = ctx.world.replies_existing(top, ctx.now);
    std::uint32_t r = after ? after->reply + 1 : 1;
    for (; r <= nr && list.size() < kCommentPage; ++r) list.push_back(ctx.world.reply(top, r));
    more = r <= nr;
  } else {
    const std::uint32_t n = ctx.world.comments_existing(*post, ctx.now);
    std::uint32_t i = after ? after->index + 1 : 0;
    for (; i < n && list.size() < kCommentPage; ++i) list.push_back(ctx.world.comment(*post, i));
    more = i < n;
  }
  std::string data = R"({"cursor":")";
  if (!list.empty()) data += comment_id(kXhs, post->key, list.back().index, list.back().reply);
  data += R"(","has_more":)" + std::string(more ? "true" : "false") + R"(,"time":)" +
          std::to_string(ctx.now) + R"(,"comments":[)";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) data += ",";
    append_comment(data, ctx, *post, list[i]);
  }
  data += "]}";
  return json_response(ok(data));
}

Response user_info(const PageContext& ctx, const Request& req) {
  const auto index = parse_author_id(kXhs, query_param(req.query, "target_user_id").value_or(""));
  if (!index || *index >= ctx.world.author_count()) {
    return json_response(R"({"code":-510001,"success":false,"msg":"用户不存在"})");
  }
  const Author& a = ctx.world.author(kXhs, *index);
  std::string data = R"({"basic_info":{"nickname":)";
  js(data, a.name);
  data += R"(,"imageb":"https://sns-avatar-qc.xhscdn.com/avatar/x","red_id":")" +
          std::to_string(95000000 + *index) + R"(","gender":)" + std::to_string(*index % 2) +
          R"(,"ip_location":"上海","desc":""},"interactions":[{"type":"follows","name":"关注","count":"128"},{"type":"fans","name":"粉丝","count":")" +
          wan(a.followers) + R"("},{"type":"interaction","name":"获赞与收藏","count":")" +
          wan(a.followers * 3) + R"("}],"tags":[]})";
  return json_response(ok(data));
}

Response explore_html(const PageContext& ctx, std::string_view note_id) {
  const auto post = find_note(ctx, note_id);
  std::string out =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>小红书</title></head><body>"
      "<div id=\"app\"></div><script>window.__INITIAL_STATE__={\"global\":{\"appSettings\":{},"
      "\"firstVisitUrl\":undefined},\"note\":{";
  if (!post) {
    out += "\"serverRequestInfo\":{\"state\":\"fail\",\"errorCode\":-510000}}}</script>"
           "<div class=\"error-page\">当前笔记暂时无法浏览</div></body></html>";
    return html_response(std::move(out));
  }
  const std::string id(note_id);
  out += "\"currentNoteId\":\"" + id + "\",\"noteDetailMap\":{\"" + id +
         "\":{\"comments\":{\"list\":[],\"cursor\":\"\",\"hasMore\":true,\"loading\":undefined},"
         "\"currentTime\":" + std::to_string(ctx.now) + ",\"note\":";
  append_note(out, ctx, *post, true);
  out += "}},\"serverRequestInfo\":{\"state\":\"success\"}}};</script></body></html>";
  return html_response(std::move(out));
}

}  // namespace koubei::sandbox::xhs
