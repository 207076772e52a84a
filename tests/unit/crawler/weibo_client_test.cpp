// PlatformClient on Weibo: api and html search by page number, timescope windows, timeline
// since_id, hotflow max_id cursors, and cursors that cannot continue.
#include "crawler/clients/platform_client.hpp"
#include "tests/unit/crawler/client_test_support.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei;
using namespace koubei::clients::test;  // NOLINT(google-build-using-namespace)
using clients::ClientErrc;
using clients::Listing;
using clients::ListingKind;
using clients::PlatformClient;

TEST_CASE("weibo api search pages by the parser's page number", "[crawler][clients]") {
  const auto c = client(PlatformId::kWeibo);
  auto w = walk(c, listing(ListingKind::kSearch, "华为 信号"));
  CHECK(w.page() == 1);
  CHECK(w.request().page_type == PageType::kWeiboSearchApi);
  CHECK(w.request().signing == Signing::kNone);
  CHECK(w.request().url ==
        "https://api.test/api/container/getIndex?containerid=100103type%3D61%26q%3D"
        "%E5%8D%8E%E4%B8%BA%20%E4%BF%A1%E5%8F%B7&page_type=searchall&page=1");
  REQUIRE(w.advance(page_with("2")));
  CHECK(w.page() == 2);
  CHECK(param(w.request(), "page") == "2");
  // cardlistInfo.page may jump ahead: the request follows it.
  REQUIRE(w.advance(page_with("5")));
  CHECK(w.page() == 3);
  CHECK(param(w.request(), "page") == "5");
  SECTION("a cursor that does not move ahead stops the walk with an error") {
    CHECK_FALSE(w.advance(page_with("5")));
    REQUIRE(w.error());
    CHECK(w.error()->code == ClientErrc::kBadCursor);
    CHECK(w.error()->message().find("cursor 5 is not ahead of 5") != std::string::npos);
    CHECK(param(w.request(), "page") == "5");  // the walk stays where it was
  }
  SECTION("a cursor that is not a number stops the walk with an error") {
    CHECK_FALSE(w.advance(page_with("six")));
    REQUIRE(w.error());
    CHECK(w.error()->message().find("weibo search \"华为 信号\"") == 0);
  }
  SECTION("the end of the listing, and a failed page, stop it without an error") {
    parsers::ParseResult end;
    end.verdict = parsers::Verdict::kOk;
    CHECK_FALSE(w.advance(end));
    CHECK_FALSE(w.error());
    auto blocked = page_with("6");
    blocked.verdict = parsers::Verdict::kCaptcha;
    CHECK_FALSE(w.advance(blocked));
    auto empty = page_with("6");
    empty.verdict = parsers::Verdict::kEmpty;
    CHECK_FALSE(w.advance(empty));
    CHECK_FALSE(w.error());
    CHECK(w.page() == 3);
  }
}

TEST_CASE("weibo html search: the search_route, and a window as an hour timescope",
          "[crawler][clients]") {
  SECTION("search_route = html, no window") {
    const auto c = client(PlatformId::kWeibo, "", config::SearchRoute::kHtml);
    auto w = walk(c, listing(ListingKind::kSearch, "华为"));
    CHECK(w.request().page_type == PageType::kWeiboSearchHtml);
    CHECK(w.request().url ==
          "https://web.test/weibo?q=%E5%8D%8E%E4%B8%BA&typeall=1&suball=1&Refer=g&page=1");
    REQUIRE(w.advance(page_with("2")));
    CHECK(param(w.request(), "page") == "2");
  }
  SECTION("a window picks the html route and covers exactly its hours") {
    const auto c = client(PlatformId::kWeibo);
    Listing l = listing(ListingKind::kSearch, "华为");
    // 2026-11-20T00:00Z .. 2026-11-21T00:00Z = Beijing 08:00 to 08:00 the next day: the last
    // hour sent is 07 (s.weibo.com includes the end hour).
    l.since_unix = 1795132800;
    l.until_unix = 1795132800 + 86400;
    auto w = walk(c, l);
    CHECK(w.request().url ==
          "https://web.test/weibo?q=%E5%8D%8E%E4%B8%BA&typeall=1&suball=1"
          "&timescope=custom:2026-11-20-8:2026-11-21-7&Refer=g&page=1");
    REQUIRE(w.advance(page_with("2")));
    CHECK(param(w.request(), "timescope") == "custom:2026-11-20-8:2026-11-21-7");
    CHECK(param(w.request(), "page") == "2");
  }
}

TEST_CASE("weibo windows widen to whole hours and never drop the timescope", "[crawler][clients]") {
  const auto c = client(PlatformId::kWeibo);
  const auto [since, until, expected] = GENERATE(table<std::int64_t, std::int64_t, std::string>({
      // kNow = 2026-11-22T10:00 Beijing; until 0 = up to the walk's start.
      {kNow - 3 * 3600, 0, "custom:2026-11-22-7:2026-11-22-10"},
      {kNow - 3 * 3600 + 600, kNow - 600, "custom:2026-11-22-7:2026-11-22-9"},
      // One second on an hour boundary, and one second just before the next hour.
      {kNow, kNow + 1, "custom:2026-11-22-10:2026-11-22-10"},
      {kNow - 1, kNow, "custom:2026-11-22-9:2026-11-22-9"},
  }));
  Listing l = listing(ListingKind::kSearch, "华为");
  l.since_unix = since;
  l.until_unix = until;
  auto w = walk(c, l);
  INFO(since << " " << until);
  CHECK(w.request().page_type == PageType::kWeiboSearchHtml);
  CHECK(param(w.request(), "timescope") == expected);
}

TEST_CASE("weibo timeline and comments hand the opaque cursors back", "[crawler][clients]") {
  const auto c = client(PlatformId::kWeibo);
  auto timeline = walk(c, listing(ListingKind::kTimeline, "5000000447"));
  CHECK(timeline.request().url ==
        "https://api.test/api/container/getIndex?containerid=1076035000000447");
  REQUIRE(timeline.advance(page_with("4987654321")));
  CHECK(timeline.request().url ==
        "https://api.test/api/container/getIndex?containerid=1076035000000447&since_id=4987654321");
  CHECK_FALSE(timeline.advance(page_with("4987654321")));
  CHECK(timeline.error()->code == ClientErrc::kBadCursor);

  auto comments = walk(c, listing(ListingKind::kComments, "400000060409005"));
  CHECK(comments.request().page_type == PageType::kWeiboCommentsApi);
  CHECK(comments.request().url ==
        "https://api.test/comments/hotflow?id=400000060409005&mid=400000060409005&max_id_type=0");
  CHECK(header(comments.request(), "Referer") == "https://api.test/detail/400000060409005");
  REQUIRE(comments.advance(page_with("139000:1")));
  CHECK(comments.request().url ==
        "https://api.test/comments/hotflow?id=400000060409005&mid=400000060409005"
        "&max_id=139000&max_id_type=1");
}
