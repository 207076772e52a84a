// PlatformClient: refusals (unsupported listings, empty keys, missing signers), detail and author
// requests per platform, and the Dianping review walk. Per-platform walks: <platform>_client_test.
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

namespace {

ClientErrc refusal(const PlatformClient& c, const Listing& l) {
  auto w = c.start(l, kNowMs, 1);
  REQUIRE_FALSE(w.has_value());
  return static_cast<ClientErrc>(w.error().code.value());
}

}  // namespace

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
