// Platform paging rules the round trip does not reach: sort orders, caps and time filters.
#include <catch2/catch.hpp>

#include "sandbox/http_types.hpp"
#include "sandbox/signer.hpp"
#include "tests/unit/sandbox/router_harness.hpp"

namespace koubei::sandbox::test {
namespace {

using parsers::PageType;
using parsers::Verdict;

// A busy keyword, so every cap is reached: 60/h over 2 days.
std::string busy() {
  return R"(name = "busy"
[world]
history = "2d"
authors = 300
[[query]]
keyword = "华为 信号"
rate = "60/h"
)";
}

std::vector<std::int64_t> likes_of(const parsers::ParseResult& r) {
  std::vector<std::int64_t> out;
  for (const auto& i : r.items) out.push_back(i.mention.metrics.likes.value_or(-1));
  return out;
}

}  // namespace

TEST_CASE("weibo search stops at page 50 and sorts hot by likes", "[sandbox][paging]") {
  Harness h(busy());
  Request r = h.request_for(PageType::kWeiboSearchApi);
  r.query = "containerid=" + url_encode("100103type=1&q=华为 信号") + "&page=50";
  auto page50 = h.parse(PageType::kWeiboSearchApi, r, h.handle(r));
  CHECK(page50.verdict == Verdict::kOk);
  CHECK(page50.next.end == false);  // the page does not say it is the last...
  r.query = "containerid=" + url_encode("100103type=1&q=华为 信号") + "&page=51";
  CHECK(h.parse(PageType::kWeiboSearchApi, r, h.handle(r)).verdict == Verdict::kEmpty);  // ...but 51 is empty

  r.query = "containerid=" + url_encode("100103type=60&q=华为 信号") + "&page=1";
  const auto hot = likes_of(h.parse(PageType::kWeiboSearchApi, r, h.handle(r)));
  REQUIRE(hot.size() == 10);
  CHECK(std::is_sorted(hot.rbegin(), hot.rend()));
}

TEST_CASE("xiaohongshu search ends at page 12 and sorts by popularity", "[sandbox][paging]") {
  Harness h(busy());
  for (const auto& [page, more] : {std::pair{11, false}, std::pair{10, true}}) {
    Request r = h.request_for(PageType::kXiaohongshuSearchApi);
    r.body = R"({"keyword":"华为 信号","page":)" + std::to_string(page) + "}";
    for (auto& [k, v] : r.headers) {
      if (k == "x-s") v = xhs_signature(h.world().signing_key(), "1795312800000", r.path, r.body);
    }
    const auto res = h.parse(PageType::kXiaohongshuSearchApi, r, h.handle(r));
    INFO("page " << page);
    CHECK(res.verdict == Verdict::kOk);
    CHECK(res.items.size() == 20);
    CHECK(res.next.end == !more);
  }
  Request r = h.request_for(PageType::kXiaohongshuSearchApi);
  r.body = R"({"keyword":"华为 信号","page":1,"sort":"popularity_descending"})";
  for (auto& [k, v] : r.headers) {
    if (k == "x-s") v = xhs_signature(h.world().signing_key(), "1795312800000", r.path, r.body);
  }
  // Cards show likes as display strings ("1.2万"), which keep the order.
  const auto likes = likes_of(h.parse(PageType::kXiaohongshuSearchApi, r, h.handle(r)));
  REQUIRE(likes.size() == 20);
  CHECK(std::is_sorted(likes.rbegin(), likes.rend()));
}

TEST_CASE("douyin search filters by publish time and sorts by likes", "[sandbox][paging]") {
  Harness h(busy());
  const auto search = [&](const std::string& filter) {
    Request r = h.request_for(PageType::kDouyinSearchApi);
    r.query = "keyword=" + url_encode("华为 信号") + "&offset=0&count=15&filter_selected=" + url_encode(filter);
    r.query += "&a_bogus=" + douyin_signature(h.world().signing_key(), r.query);
    return h.parse(PageType::kDouyinSearchApi, r, h.handle(r));
  };
  const auto liked = search(R"({"sort_type":"1","publish_time":"0"})");
  const auto l = likes_of(liked);
  REQUIRE(l.size() == 15);
  CHECK(std::is_sorted(l.rbegin(), l.rend()));
  const auto day = search(R"({"sort_type":"1","publish_time":"1"})");
  for (const auto& i : day.items) {
    CHECK(i.mention.created_at->time_since_epoch().count() >= kTestEpoch - 86400000);
  }
}

}  // namespace koubei::sandbox::test
