// PlatformClient: the exact request of every listing page, the cursor → next request step per
// platform and page type (docs/parsers.md), the signed and unsigned routes, and the refusals.
#include "crawler/clients/platform_client.hpp"

#include "crawler/requests/xiaohongshu_requests.hpp"
#include "parsers/url_query.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei;
using clients::ClientErrc;
using clients::Listing;
using clients::ListingKind;
using clients::ListingWalk;
using clients::PlatformClient;
using config::PlatformId;
using parsers::PageType;
using requests::RequestSpec;
using requests::Signing;

namespace {

// 2026-11-22T02:00:00Z: the walks' "now".
constexpr std::int64_t kNowMs = 1795312800000;
constexpr std::int64_t kNow = kNowMs / 1000;

PlatformClient client(PlatformId id,
                      std::string signer_url = "",
                      config::SearchRoute route = config::SearchRoute::kApi) {
  config::PlatformConfig c;
  c.base_url = "https://api.test";
  c.web_url = "https://web.test/";
  c.signer_url = std::move(signer_url);
  c.search_route = route;
  return PlatformClient(id, std::move(c));
}

const std::string kSigner = "http://127.0.0.1:9/sign";

ListingWalk walk(const PlatformClient& c, const Listing& l, std::uint32_t random31 = 7) {
  auto w = c.start(l, kNowMs, random31);
  INFO((w.has_value() ? std::string("ok") : w.error().message()));
  REQUIRE(w.has_value());
  return std::move(*w);
}

Listing listing(ListingKind kind, std::string key, std::string comment_id = "") {
  Listing l;
  l.kind = kind;
  l.key = std::move(key);
  l.comment_id = std::move(comment_id);
  return l;
}

// A parsed page that continues with `cursor` (and `session`).
parsers::ParseResult page_with(std::string cursor, std::string session = "") {
  parsers::ParseResult r;
  r.verdict = parsers::Verdict::kOk;
  r.next = parsers::Cursor(false, std::move(cursor), std::move(session));
  return r;
}

std::string param(const RequestSpec& r, std::string_view name) {
  return parsers::query_param(r.url, name).value_or("<absent>");
}

std::string header(const RequestSpec& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<missing>";
}

ClientErrc refusal(const PlatformClient& c, const Listing& l) {
  auto w = c.start(l, kNowMs, 1);
  REQUIRE_FALSE(w.has_value());
  return static_cast<ClientErrc>(w.error().code.value());
}

}  // namespace

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

TEST_CASE("xiaohongshu search keeps one search_id and counts pages itself", "[crawler][clients]") {
  const auto c = client(PlatformId::kXiaohongshu, kSigner);
  auto w = walk(c, listing(ListingKind::kSearch, "华为 信号"), 12345);
  const std::string sid = requests::xiaohongshu::make_search_id(kNowMs, 12345);
  const RequestSpec& first = w.request();
  CHECK(first.method == "POST");
  CHECK(first.signing == Signing::kXiaohongshu);
  CHECK(first.url == "https://api.test/api/sns/web/v1/search/notes");
  CHECK(first.body == "{\"keyword\":\"华为 信号\",\"page\":1,\"page_size\":20,\"search_id\":\"" +
                          sid + "\",\"sort\":\"time_descending\",\"note_type\":0}");
  CHECK(header(first, "Origin") == "https://web.test");
  // The cursor only says "more": the same cursor twice is normal here.
  REQUIRE(w.advance(page_with("more")));
  REQUIRE(w.advance(page_with("more")));
  CHECK(w.page() == 3);
  CHECK(w.request().body ==
        "{\"keyword\":\"华为 信号\",\"page\":3,\"page_size\":20,\"search_id\":\"" + sid +
            "\",\"sort\":\"time_descending\",\"note_type\":0}");
  // Another walk, another random: another search session.
  auto other = walk(c, listing(ListingKind::kSearch, "华为 信号"), 999);
  CHECK(other.request().body.find(sid) == std::string::npos);
}

TEST_CASE("xiaohongshu comments and replies carry the cursor and the note's xsec_token",
          "[crawler][clients]") {
  const auto c = client(PlatformId::kXiaohongshu, kSigner);
  Listing l = listing(ListingKind::kComments, "6740c0d3000000001e03a1b2");
  l.xsec_token = "ABtok=";
  auto comments = walk(c, l);
  CHECK(comments.request().page_type == PageType::kXiaohongshuCommentsApi);
  CHECK(comments.request().signing == Signing::kXiaohongshu);
  CHECK(comments.request().url ==
        "https://api.test/api/sns/web/v2/comment/page?note_id=6740c0d3000000001e03a1b2&cursor="
        "&top_comment_id=&image_formats=jpg,webp,avif&xsec_token=ABtok%3D");
  REQUIRE(comments.advance(page_with("6740c0d3000000001e03c0de")));
  CHECK(param(comments.request(), "cursor") == "6740c0d3000000001e03c0de");
  CHECK(param(comments.request(), "xsec_token") == "ABtok=");

  l.kind = ListingKind::kReplies;
  l.comment_id = "6740c0d3000000001e03c0de";
  auto replies = walk(c, l);
  CHECK(
      replies.request().url.starts_with("https://api.test/api/sns/web/v2/comment/sub/page?"
                                        "note_id=6740c0d3000000001e03a1b2&root_comment_id="
                                        "6740c0d3000000001e03c0de&num=10&cursor=&"));
  REQUIRE(replies.advance(page_with("r2")));
  CHECK(param(replies.request(), "cursor") == "r2");
  CHECK(param(replies.request(), "root_comment_id") == "6740c0d3000000001e03c0de");
}

TEST_CASE("douyin search carries offset and the previous page's logid as search_id",
          "[crawler][clients]") {
  const auto c = client(PlatformId::kDouyin, kSigner);
  auto w = walk(c, listing(ListingKind::kSearch, "华为"));
  const RequestSpec& first = w.request();
  CHECK(first.signing == Signing::kDouyin);
  CHECK(first.url ==
        "https://api.test/aweme/v1/web/general/search/single/?device_platform=webapp&aid=6383"
        "&channel=channel_pc_web&search_channel=aweme_general&enable_history=1"
        "&keyword=%E5%8D%8E%E4%B8%BA&search_source=tab_search&query_correct_type=1"
        "&is_filter_search=1&offset=0&count=15&need_filter_settings=1&list_type=multi&search_id="
        "&filter_selected=%7B%22sort_type%22%3A%222%22%2C%22publish_time%22%3A%220%22%7D"
        "&version_code=190600&version_name=19.6.0&pc_client_type=1");
  CHECK(header(first, "Referer") == "https://web.test/search/%E5%8D%8E%E4%B8%BA?type=general");
  REQUIRE(w.advance(page_with("15", "LOGID1")));
  CHECK(param(w.request(), "offset") == "15");
  CHECK(param(w.request(), "search_id") == "LOGID1");
  REQUIRE(w.advance(page_with("30", "LOGID2")));
  CHECK(param(w.request(), "offset") == "30");
  CHECK(param(w.request(), "search_id") == "LOGID2");
  // A page without a logid keeps the last one rather than sending none.
  REQUIRE(w.advance(page_with("45")));
  CHECK(param(w.request(), "search_id") == "LOGID2");
  CHECK_FALSE(w.advance(page_with("45", "LOGID3")));
  CHECK(w.error()->code == ClientErrc::kBadCursor);
}

TEST_CASE("douyin search picks the smallest publish_time filter covering the window",
          "[crawler][clients]") {
  const auto c = client(PlatformId::kDouyin, kSigner);
  const auto [back_seconds, expected] = GENERATE(table<std::int64_t, std::string>({
      {3600, "1"},
      {86400, "1"},
      {86401, "7"},
      {6 * 86400, "7"},
      {30 * 86400, "180"},
      {400 * 86400, "0"},
  }));
  Listing l = listing(ListingKind::kSearch, "华为");
  l.since_unix = kNow - back_seconds;
  l.until_unix = kNow;
  auto w = walk(c, l);
  INFO(back_seconds);
  CHECK(param(w.request(), "filter_selected") ==
        "{\"sort_type\":\"2\",\"publish_time\":\"" + expected + "\"}");
  REQUIRE(w.advance(page_with("15", "L")));
  CHECK(param(w.request(), "filter_selected") ==
        "{\"sort_type\":\"2\",\"publish_time\":\"" + expected + "\"}");
}

TEST_CASE("douyin comments and replies page by numeric cursor", "[crawler][clients]") {
  const auto c = client(PlatformId::kDouyin, kSigner);
  auto comments = walk(c, listing(ListingKind::kComments, "7400000000000000001"));
  CHECK(comments.request().url.starts_with(
      "https://api.test/aweme/v1/web/comment/list/?device_platform=webapp&aid=6383"
      "&channel=channel_pc_web&aweme_id=7400000000000000001&cursor=0&count=20&item_type=0&"));
  REQUIRE(comments.advance(page_with("20")));
  CHECK(param(comments.request(), "cursor") == "20");

  auto replies =
      walk(c, listing(ListingKind::kReplies, "7400000000000000001", "7500000000000000000001"));
  CHECK(replies.request().url.find("/aweme/v1/web/comment/list/reply/?") != std::string::npos);
  CHECK(param(replies.request(), "item_id") == "7400000000000000001");
  CHECK(param(replies.request(), "comment_id") == "7500000000000000000001");
  CHECK(param(replies.request(), "cursor") == "0");
  REQUIRE(replies.advance(page_with("20")));
  CHECK(param(replies.request(), "cursor") == "20");
  CHECK_FALSE(replies.advance(page_with("x20")));
  CHECK(replies.error()->code == ClientErrc::kBadCursor);
}

TEST_CASE("dianping walks review_all, then /p2, /p3 as a.NextPage says", "[crawler][clients]") {
  const auto c = client(PlatformId::kDianping);
  auto w = walk(c, listing(ListingKind::kShopReviews, "k9AX5KRm7Fg5QOfG"));
  CHECK(w.request().page_type == PageType::kDianpingReviewsHtml);
  CHECK(w.request().url == "https://web.test/shop/k9AX5KRm7Fg5QOfG/review_all");
  CHECK(header(w.request(), "Referer") == "https://web.test/shop/k9AX5KRm7Fg5QOfG");
  REQUIRE(w.advance(page_with("2")));
  CHECK(w.request().url == "https://web.test/shop/k9AX5KRm7Fg5QOfG/review_all/p2");
  REQUIRE(w.advance(page_with("3")));
  CHECK(w.request().url == "https://web.test/shop/k9AX5KRm7Fg5QOfG/review_all/p3");
  CHECK_FALSE(w.advance(page_with("1")));
  CHECK(w.error()->code == ClientErrc::kBadCursor);
}

TEST_CASE("listings a platform does not have, empty keys and missing signers are refused",
          "[crawler][clients]") {
  const auto weibo = client(PlatformId::kWeibo);
  CHECK(refusal(weibo, listing(ListingKind::kReplies, "1", "2")) == ClientErrc::kUnsupported);
  CHECK(refusal(weibo, listing(ListingKind::kShopReviews, "s")) == ClientErrc::kUnsupported);
  CHECK(refusal(weibo, listing(ListingKind::kSearch, "")) == ClientErrc::kBadKey);
  CHECK(refusal(weibo, listing(ListingKind::kTimeline, "")) == ClientErrc::kBadKey);

  const auto xhs = client(PlatformId::kXiaohongshu);
  CHECK(refusal(xhs, listing(ListingKind::kTimeline, "u")) == ClientErrc::kUnsupported);
  CHECK(refusal(xhs, listing(ListingKind::kSearch, "华为")) == ClientErrc::kSignatureRequired);
  CHECK(refusal(xhs, listing(ListingKind::kComments, "n")) == ClientErrc::kSignatureRequired);
  CHECK(refusal(xhs, listing(ListingKind::kReplies, "n", "c")) == ClientErrc::kSignatureRequired);
  CHECK(refusal(client(PlatformId::kXiaohongshu, kSigner), listing(ListingKind::kReplies, "n")) ==
        ClientErrc::kBadKey);

  const auto douyin = client(PlatformId::kDouyin);
  CHECK(refusal(douyin, listing(ListingKind::kSearch, "华为")) == ClientErrc::kSignatureRequired);
  CHECK(refusal(douyin, listing(ListingKind::kShopReviews, "s")) == ClientErrc::kUnsupported);

  const auto dianping = client(PlatformId::kDianping);
  CHECK(refusal(dianping, listing(ListingKind::kSearch, "火锅")) == ClientErrc::kUnsupported);
  CHECK(refusal(dianping, listing(ListingKind::kShopReviews, "")) == ClientErrc::kBadKey);

  auto e = xhs.start(listing(ListingKind::kSearch, "华为"), kNowMs, 1);
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().message() ==
        "xiaohongshu search \"华为\": signature required: the route is signed and the platform "
        "has no signer_url");
  CHECK(clients::to_string(ListingKind::kShopReviews) == "shop_reviews");
}

TEST_CASE("detail requests: signed APIs with a signer, the unsigned pages without",
          "[crawler][clients]") {
  parsers::ParsedItem item;
  item.mention.native_id = "400000060409005";
  item.mention.kind = model::Kind::kPost;
  auto weibo = client(PlatformId::kWeibo).detail(item);
  REQUIRE(weibo);
  CHECK(weibo->page_type == PageType::kWeiboDetailHtml);
  CHECK(weibo->url == "https://api.test/detail/400000060409005");
  item.mention.kind = model::Kind::kComment;
  CHECK_FALSE(client(PlatformId::kWeibo).detail(item));

  parsers::ParsedItem note;
  note.mention.kind = model::Kind::kNote;
  note.mention.native_id = "6740c0d3000000001e03a1b2";
  note.xsec_token = "ABtok=";
  auto feed = client(PlatformId::kXiaohongshu, kSigner).detail(note);
  REQUIRE(feed);
  CHECK(feed->page_type == PageType::kXiaohongshuFeedApi);
  CHECK(feed->signing == Signing::kXiaohongshu);
  CHECK(feed->body.find("\"source_note_id\":\"6740c0d3000000001e03a1b2\"") != std::string::npos);
  CHECK(feed->body.find("\"xsec_token\":\"ABtok=\"") != std::string::npos);
  auto html = client(PlatformId::kXiaohongshu).detail(note);
  REQUIRE(html);
  CHECK(html->page_type == PageType::kXiaohongshuNoteHtml);
  CHECK(html->signing == Signing::kNone);
  CHECK(html->url ==
        "https://web.test/explore/"
        "6740c0d3000000001e03a1b2?xsec_token=ABtok%3D&xsec_source=pc_search");
  note.xsec_token.clear();  // feed_api would answer 406: the page is the better try
  CHECK(client(PlatformId::kXiaohongshu, kSigner).detail(note)->page_type ==
        PageType::kXiaohongshuNoteHtml);

  parsers::ParsedItem video;
  video.mention.kind = model::Kind::kVideo;
  video.mention.native_id = "7400000000000000001";
  auto api = client(PlatformId::kDouyin, kSigner).detail(video);
  REQUIRE(api);
  CHECK(api->page_type == PageType::kDouyinDetailApi);
  CHECK(param(*api, "aweme_id") == "7400000000000000001");
  auto page = client(PlatformId::kDouyin).detail(video);
  REQUIRE(page);
  CHECK(page->page_type == PageType::kDouyinVideoHtml);
  CHECK(page->url == "https://web.test/video/7400000000000000001");

  parsers::ParsedItem review;
  review.mention.kind = model::Kind::kReview;
  review.mention.native_id = "800000000000001";
  CHECK_FALSE(client(PlatformId::kDianping).detail(review));
}

TEST_CASE("author requests: the signed user APIs, only for ids they accept", "[crawler][clients]") {
  model::Mention m;
  m.author.id = "5f0e3c1a000000000101b2c3";
  auto xhs = client(PlatformId::kXiaohongshu, kSigner).author(m);
  REQUIRE(xhs);
  CHECK(xhs->page_type == PageType::kXiaohongshuUserApi);
  CHECK(xhs->url ==
        "https://api.test/api/sns/web/v1/user/otherinfo?target_user_id=5f0e3c1a000000000101b2c3");
  CHECK_FALSE(client(PlatformId::kXiaohongshu).author(m));

  m.author.id = "MS4wLjABAAAAxyz";
  auto douyin = client(PlatformId::kDouyin, kSigner).author(m);
  REQUIRE(douyin);
  CHECK(douyin->page_type == PageType::kDouyinUserApi);
  CHECK(param(*douyin, "sec_user_id") == "MS4wLjABAAAAxyz");
  CHECK_FALSE(client(PlatformId::kDouyin).author(m));
  m.author.id = "93847561";  // a numeric uid: the profile API takes only sec_uid
  CHECK_FALSE(client(PlatformId::kDouyin, kSigner).author(m));
  m.author.id.reset();
  CHECK_FALSE(client(PlatformId::kXiaohongshu, kSigner).author(m));

  m.author.id = "5000000447";
  CHECK_FALSE(client(PlatformId::kWeibo, kSigner).author(m));
  CHECK_FALSE(client(PlatformId::kDianping).author(m));
}
