// PlatformClient on Xiaohongshu: one search_id per search walk and pages counted by the walk;
// comments and sub-comments with the cursor and the note's xsec_token.
#include "crawler/clients/platform_client.hpp"
#include "crawler/requests/xiaohongshu_requests.hpp"
#include "tests/unit/crawler/client_test_support.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei;
using namespace koubei::clients::test;  // NOLINT(google-build-using-namespace)
using clients::ClientErrc;
using clients::Listing;
using clients::ListingKind;
using clients::PlatformClient;

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
