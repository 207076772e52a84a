#include <cstdio>

#include "sandbox/civil_time.hpp"
#include "sandbox/ids.hpp"
#include "sandbox/weibo_pages.hpp"

namespace koubei::sandbox::weibo {
namespace {

constexpr PlatformId kWeibo = PlatformId::kWeibo;
constexpr std::string_view kEmpty = R"({"ok":0,"msg":"这里还没有内容","data":{"cards":[]}})";

int verified_type(Verification v) {
  switch (v) {
    case Verification::kPersonal: return 0;
    case Verification::kGovernment: return 1;
    case Verification::kOrganization: return 2;
    case Verification::kMedia: return 3;
    case Verification::kNone: return -1;
  }
  return -1;
}

void append_user(std::string& out, const World& w, std::uint32_t index) {
  const Author& a = w.author(kWeibo, index);
  const std::string uid = author_id(kWeibo, index);
  out += R"({"id":)" + uid + R"(,"screen_name":)";
  js(out, a.name);
  out += R"(,"profile_image_url":"https://tvax1.sinaimg.cn/crop.0.0.180.180.180/)" + uid +
         R"(.jpg","profile_url":"https://m.weibo.cn/u/)" + uid + "?uid=" + uid +
         R"(&luicode=10000011","statuses_count":)" + std::to_string(50 + index % 900) +
         R"(,"verified":)" + (a.verification == Verification::kNone ? "false" : "true") +
         R"(,"verified_type":)" + std::to_string(verified_type(a.verification));
  if (a.verification != Verification::kNone) out += R"(,"verified_reason":"认证博主")";
  // Weibo writes big follower counts as display strings.
  out += R"(,"followers_count":)";
  if (a.followers >= 100000 && index % 2 == 1) {
    js(out, wan(a.followers));
  } else {
    out += std::to_string(a.followers);
  }
  out += R"(,"follow_count":233,"gender":")" + std::string(index % 2 ? "f" : "m") + R"(","urank":12,"mbrank":0})";
}

void append_count(std::string& out, std::string_view key, std::int64_t n, bool& capped) {
  out += ",\"";
  out += key;
  out += "\":";
  if (n >= 1000000) {
    capped = true;
    out += "1000000";
  } else {
    out += std::to_string(n);
  }
}

void append_comment(std::string& out, const PageContext& ctx, const Post& post, const Comment& c,
                    const std::vector<Comment>& replies) {
  const std::string id = comment_id(kWeibo, post.key, c.index, c.reply);
  const std::string top = comment_id(kWeibo, post.key, c.index, 0);
  out += R"({"created_at":")" + weibo_api_time(c.created) + R"(","id":)" + id +
         R"(,"rootid":")" + top + R"(","rootidstr":")" + top + R"(","floor_number":)" +
         std::to_string(c.reply == 0 ? c.index + 1 : 0) + R"(,"text":)";
  js(out, text_html(c.text));
  out += R"(,"source":"来自 )" + region_of(hash_of(ctx.world.seed(), {c.author, 7})) + R"(","user":)";
  append_user(out, ctx.world, c.author);
  out += R"(,"mid":")" + id + R"(","like_count":)";
  // Weibo sends like_count as a string on some comments.
  if (c.index % 3 == 0) {
    js(out, std::to_string(c.likes));
  } else {
    out += std::to_string(c.likes);
  }
  if (c.reply != 0) {
    out += "}";
    return;
  }
  out += R"(,"total_number":)" + std::to_string(replies.size()) + R"(,"comments":)";
  if (replies.empty()) {
    out += "false";
  } else {
    out += "[";
    for (std::size_t i = 0; i < replies.size(); ++i) {
      if (i) out += ",";
      append_comment(out, ctx, post, replies[i], {});
    }
    out += "]";
  }
  out += "}";
}

Response search_api(const PageContext& ctx, std::string_view type, std::string_view keyword,
                    std::size_t page) {
  const auto stream = ctx.world.query_stream(kWeibo, keyword);
  if (!stream || page < 1 || page > kPageCap) return json_response(std::string(kEmpty));
  const bool hot = type == "60";
  const PageSlice s = page_of(ctx, kWeibo, *stream, ctx.world.start(), ctx.now + 1,
                              (page - 1) * kPageSize, kPageSize, kPageSize * kPageCap, hot);
  if (s.posts.empty()) return json_response(std::string(kEmpty));
  std::string out;
  out.reserve(16384);
  out += R"({"ok":1,"data":{"cardlistInfo":{"containerid":"100103type=)";
  out += std::string(type) + "&q=";
  std::string kw_json;
  js(kw_json, keyword);
  out += kw_json.substr(1, kw_json.size() - 2);
  out += R"(","v_p":42,"show_style":1,"total":1000)";
  if (s.more) out += R"(,"page":)" + std::to_string(page + 1);
  out += R"(},"cards":[)";
  for (std::size_t i = 0; i < s.posts.size(); ++i) {
    if (i) out += ",";
    if (i == 0) {
      // The first post comes in a card_group beside a user card, as m.weibo.cn nests them.
      out += R"({"card_type":11,"itemid":"","card_group":[{"card_type":10,"user":)";
      append_user(out, ctx.world, s.posts[0].author);
      out += R"(},{"card_type":9,"itemid":"seqid:1","mblog":)";
      append_mblog(out, ctx, s.posts[0], false);
      out += "}]}";
      continue;
    }
    out += R"({"card_type":9,"itemid":"seqid:)" + std::to_string(i + 1) + R"(","mblog":)";
    append_mblog(out, ctx, s.posts[i], false);
    out += "}";
  }
  out += R"(,{"card_type":58,"desc":"没有更多了"}]}})";
  return json_response(std::move(out));
}

Response timeline_api(const PageContext& ctx, std::string_view container, const Request& req) {
  const std::string_view prefix = container.substr(0, 6);
  const auto author = parse_author_id(kWeibo, container.substr(6));
  if (!author || *author >= ctx.world.author_count()) {
    return json_response(R"({"ok":0,"msg":"用户不存在","data":{"cards":[]}})");
  }
  const std::uint32_t stream = ctx.world.user_stream(*author);
  std::size_t offset = 0;
  Millis until = ctx.now + 1;
  if (prefix == "107603") {
    if (auto since = query_param(req.query, "since_id"); since && !since->empty()) {
      auto key = parse_post_id(kWeibo, *since);
      auto post = key ? ctx.world.post(kWeibo, *key, ctx.now) : std::nullopt;
      if (!post) return json_response(std::string(kEmpty));
      until = post->created + 1;
    }
  } else {
    const auto page = std::atoi(query_param(req.query, "page").value_or("1").c_str());
    offset = static_cast<std::size_t>(std::max(page, 1) - 1) * kPageSize;
  }
  const PageSlice s = page_of(ctx, kWeibo, stream, ctx.world.start(), until, offset, kPageSize + 1,
                              1000000, false);
  if (s.posts.empty()) return json_response(std::string(kEmpty));
  const std::size_t shown = std::min(s.posts.size(), kPageSize);
  std::string out = R"({"ok":1,"data":{"cardlistInfo":{"containerid":")" + std::string(container) +
                    R"(","v_p":42,"show_style":1,"total":1000)";
  if (prefix == "107603" && s.posts.size() > kPageSize) {
    out += R"(,"since_id":)" + post_id(kWeibo, s.posts[kPageSize].key);
  } else if (prefix != "107603" && s.posts.size() > kPageSize) {
    out += R"(,"page":)" + std::to_string(offset / kPageSize + 2);
  }
  out += R"(},"cards":[)";
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out += ",";
    out += R"({"card_type":9,"itemid":")" + std::string(container) + "_-_" +
           post_id(kWeibo, s.posts[i].key) + R"(","mblog":)";
    append_mblog(out, ctx, s.posts[i], false);
    out += "}";
  }
  out += "]}}";
  return json_response(std::move(out));
}

}  // namespace

std::string region_of(std::uint64_t h) {
  static constexpr std::string_view kRegions[] = {"北京", "上海", "广东", "浙江", "江苏", "四川",
                                                  "湖北", "山东", "福建", "陕西", "重庆", "河南"};
  return std::string(kRegions[h % std::size(kRegions)]);
}

std::string text_html(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '[') {
      const std::size_t end = text.find(']', i);
      if (end != std::string_view::npos && end - i < 20) {
        out += R"(<span class="url-icon"><img alt=)";
        out += text.substr(i, end - i + 1);
        out += R"( src="https://h5.sinaimg.cn/m/emoticon/icon/default/d_e.png" style="width:1em; height:1em;" /></span>)";
        i = end + 1;
        continue;
      }
    }
    if (c == '#') {
      const std::size_t end = text.find('#', i + 1);
      if (end != std::string_view::npos) {
        out += R"(<a  href="https://m.weibo.cn/search?containerid=231522type%3D1" data-hide=""><span class="surl-text">)";
        html_escape(out, text.substr(i, end - i + 1));
        out += "</span></a>";
        i = end + 1;
        continue;
      }
    }
    // Plain text up to the next emoji or topic, escaped in one go.
    const std::size_t next = std::min(text.find('[', i + 1), text.find('#', i + 1));
    const std::size_t stop = next == std::string_view::npos ? text.size() : next;
    html_escape(out, text.substr(i, stop - i));
    i = stop;
  }
  return out;
}

void append_mblog(std::string& out, const PageContext& ctx, const Post& post, bool full_text) {
  const std::string mid = post_id(kWeibo, post.key);
  // Long posts show their first clause and a 全文 link; the detail page has the rest.
  const std::size_t cut = post.text.find("，");
  const bool long_text = !full_text && post.text.size() > 60 && cut != std::string::npos;
  std::string text = text_html(long_text ? std::string_view(post.text).substr(0, cut) : post.text);
  if (long_text) text += R"(...<a href="/status/)" + mid + R"(">全文</a>)";
  out += R"({"visible":{"type":0,"list_id":0},"created_at":")" + weibo_api_time(post.created) +
         R"(","id":")" + mid + R"(","idstr":")" + mid + R"(","mid":")" + mid + R"(","text":)";
  js(out, text);
  out += R"(,"textLength":)" + std::to_string(post.text.size()) +
         R"(,"source":"iPhone客户端","favorited":false,"pic_ids":[],"user":)";
  append_user(out, ctx.world, post.author);
  bool capped = false;
  append_count(out, "reposts_count", post.shares, capped);
  out += R"(,"comments_count":)" + std::to_string(ctx.world.comments_existing(post, ctx.now));
  append_count(out, "attitudes_count", post.likes, capped);
  if (capped) {
    out += R"(,"number_display_strategy":{"apply_scenario_flag":3,"display_text_min_number":1000000,"display_text":"100万+"})";
  }
  out += R"(,"isLongText":)" + std::string(long_text ? "true" : "false") +
         R"(,"mblogtype":0,"bid":"N)" + mid.substr(5) + R"(","pic_num":0,"region_name":"发布于 )" +
         region_of(hash_of(ctx.world.seed(), {post.key.bucket, post.key.index})) + "\"}";
}

Response get_index(const PageContext& ctx, const Request& req, bool /*logged_in*/) {
  const std::string container = query_param(req.query, "containerid").value_or("");
  if (container.starts_with("100103")) {
    const std::string inner = container.substr(6);
    const std::string type = query_param(inner, "type").value_or("1");
    const std::string q = query_param(inner, "q").value_or("");
    const auto page = std::atoi(query_param(req.query, "page").value_or("1").c_str());
    return search_api(ctx, type, q, static_cast<std::size_t>(std::max(page, 0)));
  }
  if (container.starts_with("107603") || container.starts_with("230413")) {
    return timeline_api(ctx, container, req);
  }
  return json_response(R"({"ok":0,"msg":"参数错误","data":{"cards":[]}})");
}

Response hotflow(const PageContext& ctx, const Request& req, bool logged_in) {
  if (!logged_in) {
    return json_response(R"({"ok":-100,"url":"https://passport.weibo.cn/signin/login?entry=mweibo&r=https%3A%2F%2Fm.weibo.cn%2F"})");
  }
  const std::string mid = query_param(req.query, "mid").value_or(query_param(req.query, "id").value_or(""));
  const auto key = parse_post_id(kWeibo, mid);
  const auto post = key ? ctx.world.post(kWeibo, *key, ctx.now) : std::nullopt;
  if (!post) return json_response(R"({"ok":0,"msg":"微博不存在或暂无查看权限"})");
  const std::uint32_t total = ctx.world.comments_existing(*post, ctx.now);
  const long long max_id = std::atoll(query_param(req.query, "max_id").value_or("0").c_str());
  const std::uint32_t first = max_id > 1000 ? static_cast<std::uint32_t>(max_id - 1000) : 0;
  if (first >= total) {
    return json_response(R"({"ok":1,"data":{"data":[],"total_number":)" + std::to_string(total) +
                         R"(,"max_id":0,"max_id_type":0}})");
  }
  const std::uint32_t last = std::min<std::uint32_t>(total, first + kCommentPage);
  std::string out = R"({"ok":1,"data":{"data":[)";
  for (std::uint32_t i = first; i < last; ++i) {
    if (i != first) out += ",";
    const Comment c = ctx.world.comment(*post, i);
    std::vector<Comment> replies;
    const std::uint32_t nr = ctx.world.replies_existing(c, ctx.now);
    for (std::uint32_t r = 1; r <= nr; ++r) replies.push_back(ctx.world.reply(c, r));
    append_comment(out, ctx, *post, c, replies);
  }
  // max_id_type turns 0 → 1 after the first page (MediaCrawler PR #536).
  out += R"(],"total_number":)" + std::to_string(total) + R"(,"max_id":)" +
         std::to_string(last < total ? 1000 + last : 0) + R"(,"max_id_type":)" +
         (first == 0 ? "0" : "1") + "}}";
  return json_response(std::move(out));
}

}  // namespace koubei::sandbox::weibo
