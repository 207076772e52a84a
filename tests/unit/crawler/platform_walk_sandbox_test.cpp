// PlatformClient against an in-process sandbox (demo scenario, frozen world): every platform's
// listing is walked to its end exactly as the daemon will (sandbox_walker.hpp), and the union of
// item ids equals /__sandbox/truth for that query, shop or item (within the platform caps).
// Detail and author requests are fetched once each and must parse as ok.
#include "crawler/clients/platform_client.hpp"
#include "tests/unit/crawler/sandbox_walker.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace koubei;
using namespace koubei::test;  // NOLINT(google-build-using-namespace)
using clients::Listing;
using clients::ListingKind;
using config::PlatformId;
using parsers::ParseResult;
using parsers::Verdict;

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
