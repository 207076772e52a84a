#include <cstdio>

#include "sandbox/civil_time.hpp"
#include "sandbox/ids.hpp"
#include "sandbox/weibo_pages.hpp"

namespace koubei::sandbox::weibo {
namespace {

constexpr PlatformId kWeibo = PlatformId::kWeibo;

constexpr std::string_view kVisitorPage =
    "<html><head><title>Sina Visitor System</title></head><body><script>"
    "var url = 'https://passport.weibo.com/visitor/visitor?entry=miniblog';</script>"
    "</body></html>";

constexpr std::string_view kErrorPage =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>微博-出错了</title></head>"
    "<body><div class=\"h5-4box\"><p class=\"h5-4con\">%s</p></div></body></html>";

std::string error_page(std::string_view message) {
  std::string out(kErrorPage);
  out.replace(out.find("%s"), 2, message);
  return out;
}

std::string badge(Verification v) {
  switch (v) {
    case Verification::kPersonal: return R"(<svg class="woo-svg" id="woo_svg_vyellow"></svg>)";
    case Verification::kOrganization:
    case Verification::kGovernment:
    case Verification::kMedia: return R"(<svg class="woo-svg" id="woo_svg_vblue"></svg>)";
    case Verification::kNone: return {};
  }
  return {};
}

std::string act_count(std::int64_t n, std::string_view label) {
  return n <= 0 ? std::string(label) : wan(n);
}

void append_card(std::string& out, const PageContext& ctx, const Post& post) {
  const std::string mid = post_id(kWeibo, post.key);
  const Author& a = ctx.world.author(kWeibo, post.author);
  const std::string uid = author_id(kWeibo, post.author);
  std::string name;
  html_escape(name, a.name);
  std::string text;
  html_escape(text, post.text);
  out += R"(<div class="card-wrap" action-type="feed_list_item" mid=")" + mid +
         R"("><div class="card"><div class="card-feed"><div class="avator"><a href="//weibo.com/)" +
         uid + R"(?refer_flag=1001030103_"><img src="https://tvax1.sinaimg.cn/crop/)" + uid +
         R"(.jpg"/>)" + badge(a.verification) +
         R"(</a></div><div class="content"><div class="info"><div></div><div><a href="//weibo.com/)" +
         uid + R"(?refer_flag=1001030103_" class="name" target="_blank" nick-name=")" + name +
         "\">" + name + R"(</a></div></div><p class="txt" node-type="feed_list_content" nick-name=")" +
         name + "\">" + text + R"(</p><div class="from"><a href="//weibo.com/)" + uid + "/N" +
         mid.substr(5) + R"(?refer_flag=1001030103_" target="_blank">)" +
         weibo_html_time(post.created, ctx.now) +
         R"(</a> 来自 <a href="https://weibo.com/" rel="nofollow">iPhone客户端</a></div></div></div>)"
         R"(<div class="card-act"><ul><li><a href="javascript:void(0);" action-type="feed_list_forward"><i class="woo-font"></i> )" +
         act_count(post.shares, "转发") +
         R"(</a></li><li><a href="javascript:void(0);" action-type="feed_list_comment"><i class="woo-font"></i> )" +
         act_count(ctx.world.comments_existing(post, ctx.now), "评论") +
         R"(</a></li><li><a href="javascript:void(0);" action-type="feed_list_like"><button><span class="woo-like-iconWrap"></span><span class="woo-like-count">)" +
         act_count(post.likes, "赞") + "</span></button></a></li></ul></div></div></div>\n";
}

// timescope=custom:2026-11-20-0:2026-11-21-23 → [start hour, end hour + 1h) in China time.
bool parse_timescope(std::string_view s, Millis& since, Millis& until) {
  if (!s.starts_with("custom:")) return false;
  s.remove_prefix(7);
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  auto one = [](std::string_view t, Millis& out) {
    const std::size_t dash = t.rfind('-');
    if (dash == std::string_view::npos || dash < 10) return false;
    auto day = parse_world_time(t.substr(0, 10));
    if (!day) return false;
    out = *day + Millis{std::atoi(std::string(t.substr(dash + 1)).c_str())} * kHour;
    return true;
  };
  if (!one(s.substr(0, colon), since) || !one(s.substr(colon + 1), until)) return false;
  until += kHour;
  return true;
}

}  // namespace

Response search_html(const PageContext& ctx, const Request& req, bool logged_in) {
  if (!logged_in) return html_response(std::string(kVisitorPage));
  const std::string q = query_param(req.query, "q").value_or("");
  const int page = std::max(1, std::atoi(query_param(req.query, "page").value_or("1").c_str()));
  Millis since = ctx.world.start(), until = ctx.now + 1;
  if (auto scope = query_param(req.query, "timescope"); scope && !scope->empty()) {
    if (!parse_timescope(*scope, since, until)) since = until;  // an unreadable filter finds nothing
  }
  const bool hot = query_param(req.query, "xsort").value_or("") == "hot";
  const auto stream = ctx.world.query_stream(kWeibo, q);
  PageSlice s;
  if (stream && static_cast<std::size_t>(page) <= kPageCap) {
    s = page_of(ctx, kWeibo, *stream, since, until, static_cast<std::size_t>(page - 1) * kPageSize,
                kPageSize, kPageSize * kPageCap, hot);
  }
  std::string title;
  html_escape(title, q);
  std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title +
                    " - 微博搜索</title></head><body><div class=\"m-main\">\n";
  const std::string list_id = ctx.changed_layout ? "pl_feed_main" : "pl_feedlist_index";
  out += "<div id=\"" + list_id + "\">\n";
  if (s.posts.empty()) {
    out += R"(<div class="card card-no-result s-pt20b40"><p>抱歉，未找到相关结果。</p></div>)";
  }
  for (const Post& p : s.posts) append_card(out, ctx, p);
  if (s.more) {
    out += R"(<div class="m-page"><a class="next" href="/weibo?q=)" + url_encode(q) + "&amp;page=" +
           std::to_string(page + 1) + "\">下一页</a></div>";
  }
  out += "</div></div></body></html>\n";
  if (ctx.changed_layout) {
    // A redesign: the cards are renamed, so nothing koubei knows is left on the page.
    for (std::size_t at = 0; (at = out.find("card-wrap", at)) != std::string::npos;) {
      out.replace(at, 9, "feed-item");
    }
    for (std::size_t at = 0; (at = out.find("card-no-result", at)) != std::string::npos;) {
      out.replace(at, 14, "feed-empty-tip");
    }
  }
  return html_response(std::move(out));
}

Response detail_html(const PageContext& ctx, std::string_view mid, bool logged_in) {
  if (!logged_in) return html_response(error_page("出错了，未知错误"));
  const auto key = parse_post_id(kWeibo, mid);
  const auto post = key ? ctx.world.post(kWeibo, *key, ctx.now) : std::nullopt;
  if (!post) return html_response(error_page("出错了，微博不存在或已被删除"));
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>微博</title></head><body>"
      "<div id=\"app\"></div>\n<script>\nvar $render_data = [{\n\"status\": ";
  append_mblog(out, ctx, *post, true);
  out += ",\n\"call\": \"1\",\n\"hotScheme\": \"sinaweibo://detail?mblogid=" + std::string(mid) +
         "\",\n\"appScheme\": \"sinaweibo://detail?mblogid=" + std::string(mid) +
         "\"\n}][0] || {};\n</script>\n</body></html>\n";
  return html_response(std::move(out));
}

}  // namespace koubei::sandbox::weibo
