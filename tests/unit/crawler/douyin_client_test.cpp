// PlatformClient on Douyin: offset cursors with the previous page's logid as search_id, the
// publish_time filter from a window, comment and reply cursors.
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
