#include "sandbox/router.hpp"

#include <cmath>
#include <cstdlib>

#include "sandbox/blocks.hpp"
#include "sandbox/dianping_pages.hpp"
#include "sandbox/douyin_pages.hpp"
#include "sandbox/render_common.hpp"
#include "sandbox/signer.hpp"
#include "sandbox/truth.hpp"
#include "sandbox/weibo_pages.hpp"
#include "sandbox/xhs_pages.hpp"

namespace koubei::sandbox {
namespace {

std::string_view client_ip(const Request& req) {
  std::string_view xff = req.header("x-forwarded-for");
  if (!xff.empty()) {
    xff = xff.substr(0, xff.find(','));
    while (!xff.empty() && xff.back() == ' ') xff.remove_suffix(1);
    return xff;
  }
  return req.peer_ip;
}

Response not_found() { return html_response("<html><body>404 Not Found</body></html>", 404); }

// A redesign: the markers koubei's parsers look for are renamed; the data is all still there.
void change_layout(std::string& body) {
  static constexpr std::pair<std::string_view, std::string_view> kRenames[] = {
      {"\"cards\":", "\"cardList\":"},        {"\"items\":", "\"itemList\":"},
      {"\"comments\":", "\"commentList\":"},  {"\"data\":[", "\"results\":["},
      {"\"aweme_detail\":", "\"awemeDetail\":"}, {"\"user\":{", "\"userInfo\":{"},
      {"\"basic_info\":", "\"basicInfo\":"},  {"__INITIAL_STATE__", "__SSR_STATE__"},
      {"RENDER_DATA", "SSR_DATA"},            {"$render_data", "$ssr_data"},
      {"card-wrap", "feed-item"},             {"card-no-result", "feed-empty-tip"},
      {"reviews-items", "review-list-v2"},    {"main-review", "review-main-v2"},
  };
  for (const auto& [from, to] : kRenames) {
    for (std::size_t at = 0; (at = body.find(from, at)) != std::string::npos; at += to.size()) {
      body.replace(at, from.size(), to);
    }
  }
}

}  // namespace

std::string_view login_cookie(PlatformId p) {
  switch (p) {
    case PlatformId::kWeibo: return "SUB";
    case PlatformId::kXiaohongshu: return "web_session";
    case PlatformId::kDouyin: return "sessionid";
    case PlatformId::kDianping: return "dper";
  }
  return "SUB";
}

Response Router::handle(const Request& req) {
  const Millis now = clock_.now();
  if (req.path.starts_with("/__sandbox/")) return sandbox_endpoint(req, now);
  const Endpoint e = endpoint_of(req.path);
  if (e == Endpoint::kUnknown) return not_found();
  const PlatformId p = platform_of(e);
  const auto cookie = cookie_value(req.header("cookie"), login_cookie(p));
  const std::string account = cookie && !cookie->empty() ? account_label(p, *cookie) : std::string();
  const Block block = enforcer_.admit(p, client_ip(req), account, clock_.wall_ms());
  if (block != Block::kNone) return blocked_answer(e, block, req);
  const bool needs_xhs_sig = e == Endpoint::kXhsApi;
  const bool needs_dy_sig = e == Endpoint::kDouyinApi || e == Endpoint::kDouyinSearch;
  if ((needs_xhs_sig && !xhs_signed(world_.signing_key(), req)) ||
      (needs_dy_sig && !douyin_signed(world_.signing_key(), req))) {
    return signature_rejected(e);
  }
  const FaultSpec& f = world_.scenario().faults;
  const bool faulty = f.error_rate + f.truncate_rate + f.malformed_rate + f.reset_rate +
                          f.layout_rate > 0 || f.latency_median.count() > 0;
  const std::uint64_t seq = faulty ? enforcer_.next_sequence() : 0;
  const bool layout = faulty && unit_of(hash_of(world_.seed(), {seq, 0x4C41ULL})) < f.layout_rate;
  Response r = page(req, now, layout);
  if (layout) {
    change_layout(r.body);
    enforcer_.count_fault("layout");
  }
  if (faulty) inject_faults(r, seq);
  return r;
}

void Router::inject_faults(Response& r, std::uint64_t seq) {
  const FaultSpec& f = world_.scenario().faults;
  Draws d(hash_of(world_.seed(), {seq, 0x4641554CULL}));
  if (f.latency_median.count() > 0) {
    r.delay_ms = static_cast<std::int64_t>(
        d.lognormal(static_cast<double>(f.latency_median.count()), f.latency_sigma));
  }
  double u = d.unit();
  if ((u -= f.reset_rate) < 0) {
    r.reset = true;
    enforcer_.count_fault("reset");
  } else if ((u -= f.error_rate) < 0) {
    const int status = d.chance(0.5) ? 502 : 503;
    r = html_response("<html><body><h1>" + std::to_string(status) + "</h1>nginx</body></html>", status);
    enforcer_.count_fault("5xx");
  } else if ((u -= f.truncate_rate) < 0) {
    r.truncate = true;
    enforcer_.count_fault("truncated");
  } else if ((u -= f.malformed_rate) < 0 && r.content_type.starts_with("application/json")) {
    const std::size_t colon = r.body.find(':');
    if (colon != std::string::npos) r.body[colon] = ';';
    enforcer_.count_fault("malformed");
  }
}

Response Router::sandbox_endpoint(const Request& req, Millis now) {
  const std::string_view what = std::string_view(req.path).substr(11);
  if (what == "truth") return truth_endpoint(world_, now, req);
  if (what == "world") return world_endpoint(world_, now, clock_.rate());
  if (what == "stats") return json_response(enforcer_.stats_json());
  if (what == "health") return json_response(R"({"ok":true})");
  if (what == "sign" && req.method == "POST") return sign_endpoint(world_.signing_key(), req);
  if (what == "glyphs") {
    std::string out = "{";
    for (const auto& [cls, ch] : dianping::glyph_map(world_)) {
      if (out.size() > 1) out += ",";
      js(out, cls);
      out += ":";
      js(out, ch);
    }
    return json_response(out + "}");
  }
  return not_found();
}

Response Router::page(const Request& req, Millis now, bool changed_layout) {
  const PageContext ctx{world_, now, changed_layout};
  const std::string_view path = req.path;
  const auto logged = [&](PlatformId p) {
    const auto c = cookie_value(req.header("cookie"), login_cookie(p));
    return c && !c->empty();
  };
  if (path == "/api/container/getIndex") return weibo::get_index(ctx, req, logged(PlatformId::kWeibo));
  if (path == "/comments/hotflow") return weibo::hotflow(ctx, req, logged(PlatformId::kWeibo));
  if (path.starts_with("/detail/")) return weibo::detail_html(ctx, path.substr(8), logged(PlatformId::kWeibo));
  if (path == "/weibo") return weibo::search_html(ctx, req, logged(PlatformId::kWeibo));
  if (path.starts_with("/explore/")) return xhs::explore_html(ctx, path.substr(9));
  if (path.starts_with("/api/sns/web/")) {
    if (!logged(PlatformId::kXiaohongshu)) {
      return json_response(R"({"code":-100,"success":false,"msg":"登录已过期"})");
    }
    if (path == "/api/sns/web/v1/search/notes" && req.method == "POST") return xhs::search_notes(ctx, req);
    if (path == "/api/sns/web/v1/feed" && req.method == "POST") return xhs::feed(ctx, req);
    if (path == "/api/sns/web/v2/comment/page") return xhs::comments(ctx, req, false);
    if (path == "/api/sns/web/v2/comment/sub/page") return xhs::comments(ctx, req, true);
    if (path == "/api/sns/web/v1/user/otherinfo") return xhs::user_info(ctx, req);
    return not_found();
  }
  if (path.starts_with("/video/")) return douyin::video_html(ctx, path.substr(7), logged(PlatformId::kDouyin));
  if (path.starts_with("/aweme/v1/web/")) {
    const bool in = logged(PlatformId::kDouyin);
    if (path.ends_with("/search/single/") || path.ends_with("/search/item/")) {
      if (!in) {
        return json_response(R"({"status_code":0,"data":[],"has_more":0,"search_nil_info":{"search_nil_type":"login","search_nil_item":"login"}})");
      }
      return douyin::search(ctx, req);
    }
    if (!in) return json_response(R"({"status_code":8,"status_msg":"用户未登录"})");
    if (path == "/aweme/v1/web/aweme/detail/") return douyin::detail(ctx, req);
    if (path == "/aweme/v1/web/comment/list/") return douyin::comments(ctx, req, false);
    if (path == "/aweme/v1/web/comment/list/reply/") return douyin::comments(ctx, req, true);
    if (path == "/aweme/v1/web/user/profile/other/") return douyin::profile(ctx, req);
    return not_found();
  }
  if (path.starts_with("/shop/")) {
    // /shop/{id}/review_all[/p{n}]
    std::string_view rest = path.substr(6);
    const std::size_t slash = rest.find('/');
    const std::string_view shop = rest.substr(0, slash);
    if (slash == std::string_view::npos || !rest.substr(slash).starts_with("/review_all")) return not_found();
    std::string_view tail = rest.substr(slash + 11);
    int n = 0;
    if (tail.starts_with("/p")) n = std::atoi(std::string(tail.substr(2)).c_str());
    return dianping::reviews(ctx, shop, n, logged(PlatformId::kDianping));
  }
  return not_found();
}

}  // namespace koubei::sandbox
