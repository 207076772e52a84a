// PlatformClient against an in-process sandbox (demo scenario, frozen world): every platform's
// listing is walked to its end exactly as the daemon will (request() → sign when asked → fetch
// through the HttpEngine with the account's login cookie → PageParser → advance()), and the union
// of item ids equals /__sandbox/truth for that query, shop or item (within the platform caps).
// Detail and author requests are fetched once each and must parse as ok.
#include "crawler/clients/glyph_map_file.hpp"
#include "crawler/clients/platform_client.hpp"
#include "crawler/requests/url_builder.hpp"
#include "crawler/signer/signer_client.hpp"
#include "parsers/parse.hpp"
#include "tests/support/run_coro.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/sandbox/sandbox_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace koubei;
using clients::Listing;
using clients::ListingKind;
using clients::PlatformClient;
using config::PlatformId;
using parsers::ParseResult;
using parsers::Verdict;

namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;
/// More pages than any walk here needs (Weibo's cap is 50): a walk that loops fails instead.
constexpr std::uint32_t kMaxPages = 80;

std::string login_cookie(PlatformId p) {
  switch (p) {
    case PlatformId::kWeibo:
      return "SUB=walk-test";
    case PlatformId::kXiaohongshu:
      return "web_session=walk-test";
    case PlatformId::kDouyin:
      return "sessionid=walk-test";
    case PlatformId::kDianping:
      return "dper=walk-test";
  }
  return {};
}

struct Walked {
  std::vector<parsers::ParsedItem> items;
  std::uint32_t pages = 0;
  std::uint32_t unknown_glyphs = 0;
  std::uint32_t reply_walks = 0;  ///< kReplies listings walked (XHS, Douyin)
};

std::set<std::string> ids_of(const std::vector<parsers::ParsedItem>& items) {
  std::set<std::string> out;
  for (const auto& i : items)
    out.insert(i.mention.id());
  return out;
}

/// The newest `cap` of a truth list (it is newest first), as the capped listings show them.
std::set<std::string> ids_of(const std::vector<sandbox::test::TruthItem>& truth,
                             std::size_t cap = SIZE_MAX) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < std::min(cap, truth.size()); ++i)
    out.insert(truth[i].id);
  return out;
}

class SandboxWalker {
 public:
  SandboxWalker()
      : sandbox_("demo", 3),
        base_("http://127.0.0.1:" + std::to_string(sandbox_.port())),
        engine_(config::HttpConfig{}),
        truth_client_(sandbox_.port()),
        parser_(std::make_unique<parsers::PageParser>()) {}

  std::int64_t now() const { return sandbox_.now(); }

  const sandbox::World& world() const { return sandbox_.world(); }

  PlatformClient client(PlatformId id, bool with_signer) const {
    config::PlatformConfig c;
    c.base_url = base_;
    c.web_url = base_;
    if (with_signer) c.signer_url = base_ + "/__sandbox/sign";
    return PlatformClient(id, std::move(c));
  }

  /// Signs (when the request asks for it), fetches with the platform's login cookie, parses.
  ParseResult fetch(const PlatformClient& client, requests::RequestSpec spec) {
    if (spec.signing != requests::Signing::kNone) {
      auto signed_ok =
          test::run_coro(signer::sign(engine_, client.config().signer_url, spec, now()));
      INFO((signed_ok.has_value() ? std::string() : signed_ok.error().message()));
      REQUIRE(signed_ok.has_value());
    }
    http::Request request = signer::to_http_request(spec);
    request.cookie = config::Secret(login_cookie(client.platform()));
    http::Response response = test::run_coro(engine_.fetch(std::move(request)));
    INFO(spec.url << ": " << response.error.message());
    REQUIRE(response.ok());
    parsers::PageInput page;
    page.type = spec.page_type;
    page.body = response.body.view();
    page.padded = true;
    page.status = response.status;
    page.url = spec.url;
    page.final_url = response.final_url;
    page.fetched_at = model::Timestamp{std::chrono::milliseconds{now()}};
    return parser_->parse(page);
  }

  /// Walks `listing` to its end; every page must be ok (or an empty last page).
  Walked walk(const PlatformClient& client, const Listing& listing) {
    auto walk = client.start(listing, now(), 424242);
    INFO((walk.has_value() ? std::string() : walk.error().message()));
    REQUIRE(walk.has_value());
    Walked out;
    while (true) {
      REQUIRE(out.pages < kMaxPages);
      const ParseResult page = fetch(client, walk->request());
      ++out.pages;
      INFO(walk->request().url << " page " << walk->page() << ": " << page.detail);
      REQUIRE(parsers::is_success(page.verdict));
      out.unknown_glyphs += page.unknown_glyphs;
      out.items.insert(out.items.end(), page.items.begin(), page.items.end());
      if (!walk->advance(page)) break;
    }
    CHECK_FALSE(walk->error());
    return out;
  }

  /// Comments of `item`, then the replies of every comment that has more than it shows.
  Walked walk_thread(const PlatformClient& client,
                     const std::string& item,
                     const std::string& xsec_token = "") {
    Listing comments;
    comments.kind = ListingKind::kComments;
    comments.key = item;
    comments.xsec_token = xsec_token;
    Walked all = walk(client, comments);
    const auto top = all.items;
    for (const auto& c : top) {
      if (c.more_replies <= 0 || client.platform() == PlatformId::kWeibo) continue;
      Listing replies = comments;
      replies.kind = ListingKind::kReplies;
      replies.comment_id = c.mention.native_id;
      Walked r = walk(client, replies);
      all.items.insert(all.items.end(), r.items.begin(), r.items.end());
      all.pages += r.pages;
      ++all.reply_walks;
    }
    return all;
  }

  std::vector<sandbox::test::TruthItem> truth(PlatformId p, const std::string& params) {
    const auto fetched = truth_client_.get(
        "/__sandbox/truth?platform=" + std::string(config::to_string(p)) + "&" + params);
    REQUIRE(fetched.status == 200);
    return sandbox::test::read_truth(fetched.body);
  }

  std::vector<sandbox::test::TruthItem> query_truth(PlatformId p,
                                                    const std::string& keyword,
                                                    const std::string& extra = "") {
    return truth(p, "query=" + requests::percent_encode(keyword) + extra);
  }

  /// The first post of `posts` with at least `min` comments and replies, and their truth.
  std::pair<std::string, std::vector<sandbox::test::TruthItem>> thread_of(
      PlatformId p, const std::vector<sandbox::test::TruthItem>& posts, std::size_t min) {
    for (const auto& post : posts) {
      auto thread = truth(p, "item=" + post.native_id);
      if (thread.size() >= min) return {post.native_id, std::move(thread)};
    }
    FAIL("no post with " << min << " comments");
    return {};
  }

  /// The Dianping glyph map as a user would configure it: /__sandbox/glyphs saved to a file.
  void use_glyph_map_file() {
    const auto fetched = truth_client_.get("/__sandbox/glyphs");
    REQUIRE(fetched.status == 200);
    const auto path = dir_ / "glyphs.json";
    test::write_file(path, fetched.body);
    auto glyphs = clients::load_glyph_map(path.string());
    REQUIRE(glyphs.has_value());
    REQUIRE_FALSE(glyphs->empty());
    parser_ = std::make_unique<parsers::PageParser>(parsers::ParseLimits{}, std::move(*glyphs));
  }

 private:
  sandbox::test::RunningSandbox sandbox_;
  std::string base_;
  http::HttpEngine engine_;
  sandbox::test::Client truth_client_;
  std::unique_ptr<parsers::PageParser> parser_;
  test::TempDir dir_;
};

}  // namespace

TEST_CASE("weibo walks match the sandbox truth: api search, html window, comments",
          "[.integration][crawler][clients]") {
  SandboxWalker w;
  const auto weibo = w.client(PlatformId::kWeibo, false);
  const std::string keyword = w.world().queries().front().keyword;

  Listing search;
  search.key = keyword;
  const auto all = w.query_truth(PlatformId::kWeibo, keyword);
  REQUIRE(all.size() > 500);  // the api's cap (50 pages of 10) is what limits the walk
  const Walked api = w.walk(weibo, search);
  CHECK(api.pages == 51);  // 50 pages of 10, then page 51 says "这里还没有内容" (empty)
  CHECK(ids_of(api.items) == ids_of(all, 500));

  // Six whole hours ending two hours before the frozen now (an hour boundary), so an hour too
  // many at either end of s.weibo.com's timescope would show as extra items.
  const std::int64_t until_ms = w.now() - 2 * kHourMs;
  const std::int64_t since_ms = until_ms - 6 * kHourMs;
  Listing window = search;
  window.since_unix = since_ms / 1000;
  window.until_unix = until_ms / 1000;
  const auto in_window =
      w.query_truth(PlatformId::kWeibo,
                    keyword,
                    "&since=" + std::to_string(since_ms) + "&until=" + std::to_string(until_ms));
  REQUIRE(in_window.size() > 10);  // more than one page
  const Walked html = w.walk(weibo, window);
  CHECK(html.pages > 1);
  CHECK(ids_of(html.items) == ids_of(in_window));

  // The timeline (since_id cursors) of the most active of the first authors, so it spans pages.
  Listing timeline;
  timeline.kind = ListingKind::kTimeline;
  std::vector<sandbox::test::TruthItem> own;
  for (std::size_t i = 0; i < 10; ++i) {
    auto posts = w.truth(PlatformId::kWeibo, "user=" + all[i].author_id);
    if (posts.size() > own.size()) {
      own = std::move(posts);
      timeline.key = all[i].author_id;
    }
  }
  const Walked posted = w.walk(weibo, timeline);
  CHECK(posted.pages > 1);
  CHECK(ids_of(posted.items) == ids_of(own));

  const auto [mid, thread] = w.thread_of(PlatformId::kWeibo, all, 25);
  CHECK(ids_of(w.walk_thread(weibo, mid).items) == ids_of(thread));

  parsers::ParsedItem post = api.items.front();
  const auto detail = weibo.detail(post);
  REQUIRE(detail);
  const ParseResult page = w.fetch(weibo, *detail);
  CHECK(page.verdict == Verdict::kOk);
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0].mention.id() == post.mention.id());
}

TEST_CASE("xiaohongshu walks (signed) match the sandbox truth: search, comments with replies",
          "[.integration][crawler][clients]") {
  SandboxWalker w;
  const auto xhs = w.client(PlatformId::kXiaohongshu, true);
  const std::string keyword = w.world().queries().front().keyword;
  Listing search;
  search.key = keyword;
  const auto all = w.query_truth(PlatformId::kXiaohongshu, keyword);
  REQUIRE(all.size() > 220);
  const Walked found = w.walk(xhs, search);
  CHECK(found.pages == 11);
  CHECK(ids_of(found.items) == ids_of(all, 220));

  const auto [note_id, thread] = w.thread_of(PlatformId::kXiaohongshu, all, 15);
  const std::string note = note_id;  // a lambda cannot capture a structured binding in g++ 12
  const auto card = std::find_if(found.items.begin(), found.items.end(), [&](const auto& i) {
    return i.mention.native_id == note;
  });
  REQUIRE(card != found.items.end());
  const Walked comments = w.walk_thread(xhs, note, card->xsec_token);
  CHECK(comments.reply_walks > 0);  // one reply inline; the rest through sub_comments_api
  CHECK(ids_of(comments.items) == ids_of(thread));

  // Detail: feed_api signed with the card's xsec_token; without a signer, the note page.
  for (bool with_signer : {true, false}) {
    const auto client = w.client(PlatformId::kXiaohongshu, with_signer);
    const auto detail = client.detail(*card);
    REQUIRE(detail);
    const ParseResult page = w.fetch(client, *detail);
    INFO(detail->url << ": " << page.detail);
    CHECK(page.verdict == Verdict::kOk);
    REQUIRE(page.items.size() == 1);
    CHECK(page.items[0].mention.id() == card->mention.id());
  }
  const auto author = xhs.author(card->mention);
  REQUIRE(author);
  const ParseResult profile = w.fetch(xhs, *author);
  CHECK(profile.verdict == Verdict::kOk);
  REQUIRE(profile.authors.size() == 1);
  CHECK(profile.authors[0].followers.has_value());
}

TEST_CASE("douyin walks (signed) match the sandbox truth: a day's search, comments with replies",
          "[.integration][crawler][clients]") {
  SandboxWalker w;
  const auto douyin = w.client(PlatformId::kDouyin, true);
  const std::string keyword = w.world().queries().front().keyword;
  // One day back: the walk asks for publish_time 1 and pages with offset + logid.
  Listing search;
  search.key = keyword;
  search.since_unix = w.now() / 1000 - 86400;
  search.until_unix = w.now() / 1000;
  const auto day = w.query_truth(
      PlatformId::kDouyin, keyword, "&since=" + std::to_string(w.now() - 24 * kHourMs));
  REQUIRE(day.size() > 15);  // more than one page
  const Walked found = w.walk(douyin, search);
  CHECK(found.pages > 1);
  CHECK(ids_of(found.items) == ids_of(day, 200));

  const auto all = w.query_truth(PlatformId::kDouyin, keyword);
  const auto [aweme, thread] = w.thread_of(PlatformId::kDouyin, all, 25);
  const Walked comments = w.walk_thread(douyin, aweme);
  CHECK(comments.reply_walks > 0);  // replies only come from replies_api
  CHECK(ids_of(comments.items) == ids_of(thread));

  const parsers::ParsedItem& video = found.items.front();
  for (bool with_signer : {true, false}) {
    const auto client = w.client(PlatformId::kDouyin, with_signer);
    const auto detail = client.detail(video);
    REQUIRE(detail);
    const ParseResult page = w.fetch(client, *detail);
    INFO(detail->url << ": " << page.detail);
    CHECK(page.verdict == Verdict::kOk);
    REQUIRE(page.items.size() == 1);
    CHECK(page.items[0].mention.id() == video.mention.id());
  }
  const auto author = douyin.author(video.mention);
  REQUIRE(author);
  const ParseResult profile = w.fetch(douyin, *author);
  CHECK(profile.verdict == Verdict::kOk);
  REQUIRE(profile.authors.size() == 1);
  CHECK(profile.authors[0].id == *video.mention.author.id);
}

TEST_CASE("dianping shop review walk matches the truth, decoded with the glyph map file",
          "[.integration][crawler][clients]") {
  SandboxWalker w;
  w.use_glyph_map_file();
  const auto dianping = w.client(PlatformId::kDianping, false);
  Listing shop;
  shop.kind = ListingKind::kShopReviews;
  shop.key = w.world().scenario().shops.front().id;
  const auto all = w.truth(PlatformId::kDianping, "query=" + shop.key);
  REQUIRE(all.size() > 10);
  const Walked reviews = w.walk(dianping, shop);
  CHECK(reviews.pages > 1);
  CHECK(ids_of(reviews.items) == ids_of(all));
  CHECK(reviews.unknown_glyphs == 0);
}
