#include "tests/unit/sandbox/router_harness.hpp"

#include "sandbox/ids.hpp"
#include "sandbox/signer.hpp"
#include "sandbox/xhs_pages.hpp"

namespace koubei::sandbox::test {
namespace {

using parsers::PageType;

PlatformId platform(PageType t) { return parsers::platform_of(t); }

}  // namespace

std::string scenario_toml(const std::string& extra) {
  return R"(name = "harness"
[world]
history = "2d"
authors = 200
comments_mean = 12
[[query]]
keyword = "华为 信号"
rate = "12/h"
[[shop]]
id = "k9AX5KRm7Fg5QOfG"
name = "蜀大侠火锅"
rate = "24/d"
)" + extra;
}

Harness::Harness(const std::string& toml, std::uint64_t seed)
    : world_(parse_scenario(toml, "harness.toml"), seed, kTestEpoch),
      clock_(kTestEpoch, 0),
      enforcer_(world_.scenario()),
      router_(world_, clock_, enforcer_) {}

void Harness::identify(Request& r, PageType type, const std::string& session, const std::string& ip) {
  std::erase_if(r.headers, [](const auto& h) { return h.first == "cookie" || h.first == "x-forwarded-for"; });
  if (!session.empty()) {
    r.headers.emplace_back("cookie", "a1=x; " + std::string(login_cookie(platform(type))) + "=" + session);
  }
  r.headers.emplace_back("x-forwarded-for", ip);
}

Request Harness::request_for(PageType type) const {
  const Millis now = kTestEpoch;
  const PlatformId p = platform(type);
  const std::uint32_t stream = p == PlatformId::kDianping ? kShopStreamBase : 0;
  const std::vector<ItemKey> keys = world_.list(p, stream, world_.start(), now + 1, now, 50);
  // A post with comments, so comment pages have something to show.
  ItemKey key = keys.front();
  for (const auto& k : keys) {
    if (world_.comments_existing(*world_.post(p, k, now), now) > 2) {
      key = k;
      break;
    }
  }
  const Post post = *world_.post(p, key, now);
  const std::string id = post_id(p, key);
  const std::string kw = url_encode("华为 信号");
  Request r;
  switch (type) {
    case PageType::kWeiboSearchApi:
      r.path = "/api/container/getIndex";
      r.query = "containerid=" + url_encode("100103type=1&q=华为 信号") + "&page_type=searchall&page=1";
      break;
    case PageType::kWeiboTimelineApi: {
      // An author who has posted on their own timeline.
      std::uint32_t a = 0;
      while (world_.list(p, world_.user_stream(a), world_.start(), now + 1, now, 1).empty()) ++a;
      r.path = "/api/container/getIndex";
      r.query = "containerid=107603" + author_id(p, a);
      break;
    }
    case PageType::kWeiboCommentsApi:
      r.path = "/comments/hotflow";
      r.query = "id=" + id + "&mid=" + id + "&max_id_type=0";
      break;
    case PageType::kWeiboSearchHtml:
      r.path = "/weibo";
      r.query = "q=" + kw + "&page=1";
      break;
    case PageType::kWeiboDetailHtml:
      r.path = "/detail/" + id;
      break;
    case PageType::kXiaohongshuSearchApi:
      r.method = "POST";
      r.path = "/api/sns/web/v1/search/notes";
      r.body = R"({"keyword":"华为 信号","page":1,"page_size":20,"search_id":"x","sort":"general","note_type":0})";
      break;
    case PageType::kXiaohongshuFeedApi:
      r.method = "POST";
      r.path = "/api/sns/web/v1/feed";
      r.body = R"({"source_note_id":")" + id + R"(","xsec_source":"pc_search","xsec_token":")" +
               xhs::xsec_token(world_, id) + "\"}";
      break;
    case PageType::kXiaohongshuNoteHtml:
      r.path = "/explore/" + id;
      r.query = "xsec_token=" + url_encode(xhs::xsec_token(world_, id));
      break;
    case PageType::kXiaohongshuCommentsApi:
      r.path = "/api/sns/web/v2/comment/page";
      r.query = "note_id=" + id + "&cursor=&top_comment_id=&image_formats=jpg,webp,avif";
      break;
    case PageType::kXiaohongshuUserApi:
      r.path = "/api/sns/web/v1/user/otherinfo";
      r.query = "target_user_id=" + author_id(p, post.author);
      break;
    case PageType::kDouyinSearchApi:
      r.path = "/aweme/v1/web/general/search/single/";
      r.query = "keyword=" + kw + "&offset=0&count=15";
      break;
    case PageType::kDouyinDetailApi:
      r.path = "/aweme/v1/web/aweme/detail/";
      r.query = "aweme_id=" + id;
      break;
    case PageType::kDouyinCommentsApi:
      r.path = "/aweme/v1/web/comment/list/";
      r.query = "aweme_id=" + id + "&cursor=0&count=20";
      break;
    case PageType::kDouyinVideoHtml:
      r.path = "/video/" + id;
      break;
    case PageType::kDouyinUserApi:
      r.path = "/aweme/v1/web/user/profile/other/";
      r.query = "sec_user_id=" + author_id(p, post.author);
      break;
    case PageType::kDianpingReviewsHtml:
      r.path = "/shop/k9AX5KRm7Fg5QOfG/review_all";
      break;
  }
  if (r.path.starts_with("/aweme/")) r.query += "&a_bogus=" + douyin_signature(world_.signing_key(), r.query);
  if (r.path.starts_with("/api/sns/")) {
    const std::string uri = r.method == "GET" ? r.path + "?" + r.query : r.path;
    r.headers.emplace_back("x-t", "1795312800000");
    r.headers.emplace_back("x-s", xhs_signature(world_.signing_key(), "1795312800000", uri,
                                                r.method == "GET" ? "" : r.body));
  }
  identify(r, type, "s1", "10.0.0.1");
  return r;
}

parsers::ParseResult Harness::parse(PageType type, const Request& req, const Response& res) {
  Fetched f;
  f.status = res.status;
  f.body = res.body;
  f.headers = res.headers;
  f.url = "https://sandbox.test" + req.path + (req.query.empty() ? "" : "?" + req.query);
  return parse_page(parser_, type, f, kTestEpoch);
}

}  // namespace koubei::sandbox::test
