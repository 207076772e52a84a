// The sandbox world: deterministic from the seed, Poisson arrivals at the configured rates,
// heavy-tailed followers, the crisis spike and its head-tier opener, ids that round-trip.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sandbox/clock.hpp"
#include "sandbox/ids.hpp"
#include "sandbox/world.hpp"
#include "tests/unit/sandbox/router_harness.hpp"

namespace koubei::sandbox::test {
namespace {

World make_world(const std::string& extra, std::uint64_t seed) {
  return World(parse_scenario(scenario_toml(extra), "w.toml"), seed, kTestEpoch);
}

}  // namespace

TEST_CASE("the same seed generates the same world, another seed another", "[sandbox][world]") {
  const World a = make_world("", 7), b = make_world("", 7), c = make_world("", 8);
  const auto ka = a.list(PlatformId::kWeibo, 0, a.start(), kTestEpoch + 1, kTestEpoch, 100);
  REQUIRE(ka.size() == 100);
  CHECK(ka == b.list(PlatformId::kWeibo, 0, b.start(), kTestEpoch + 1, kTestEpoch, 100));
  CHECK(ka != c.list(PlatformId::kWeibo, 0, c.start(), kTestEpoch + 1, kTestEpoch, 100));
  const Post pa = *a.post(PlatformId::kWeibo, ka[3], kTestEpoch);
  const Post pb = *b.post(PlatformId::kWeibo, ka[3], kTestEpoch);
  CHECK(pa.text == pb.text);
  CHECK(pa.created == pb.created);
  CHECK(pa.text.find("华为 信号") != std::string::npos);
}

TEST_CASE("arrivals follow the configured rate and never exist before their time", "[sandbox][world]") {
  const World w = make_world("", 7);  // 12/h, history 2d
  const auto all = w.list(PlatformId::kDouyin, 0, w.start(), kTestEpoch + 1, kTestEpoch, 1000000);
  const double expected = 12.0 * 48;
  CHECK(static_cast<double>(all.size()) > expected * 0.85);
  CHECK(static_cast<double>(all.size()) < expected * 1.15);
  Millis last = kTestEpoch + 1;
  for (const auto& k : all) {
    const auto p = w.post(PlatformId::kDouyin, k, kTestEpoch);
    REQUIRE(p);
    CHECK(p->created <= last);  // newest first
    CHECK(p->created >= w.start());
    last = p->created;
  }
  // An hour later, more items exist; none of them existed before.
  const auto later = w.list(PlatformId::kDouyin, 0, w.start(), kTestEpoch + kHour + 1, kTestEpoch + kHour, 1000000);
  CHECK(later.size() > all.size());
  CHECK_FALSE(w.post(PlatformId::kDouyin, later.front(), kTestEpoch));
}

TEST_CASE("follower counts are heavy-tailed and big accounts are verified", "[sandbox][world]") {
  const World w = make_world("", 7);
  std::vector<std::int64_t> f;
  std::size_t verified_big = 0, big = 0;
  for (std::uint32_t i = 0; i < w.author_count(); ++i) {
    const Author& a = w.author(PlatformId::kWeibo, i);
    f.push_back(a.followers);
    if (a.followers >= 100000) {
      ++big;
      verified_big += a.verification != Verification::kNone;
    }
  }
  std::sort(f.begin(), f.end());
  CHECK(f.back() > 50 * f[f.size() / 2]);
  CHECK(w.author(PlatformId::kWeibo, w.head_author(PlatformId::kWeibo)).followers == f.back());
  if (big > 0) CHECK(verified_big * 3 >= big);
}

TEST_CASE("a crisis spikes its keyword and opens with the head account", "[sandbox][world]") {
  const World w = make_world(R"(
[[query]]
keyword = "退款"
rate = "2/h"
negative_share = 0.1
[crisis]
keyword = "退款"
starts_before = "4h"
duration = "4h"
factor = 30
negative_share = 0.9
)", 7);
  const std::uint32_t s = *w.query_stream(PlatformId::kWeibo, "退款");
  const Millis begin = (kTestEpoch - 4 * kHour) / kHour * kHour;
  const auto spike = w.list(PlatformId::kWeibo, s, begin, kTestEpoch, kTestEpoch, 100000);
  const auto before = w.list(PlatformId::kWeibo, s, begin - 4 * kHour, begin, kTestEpoch, 100000);
  CHECK(spike.size() > 5 * std::max<std::size_t>(before.size(), 1));
  std::size_t negative = 0;
  for (const auto& k : spike) negative += w.post(PlatformId::kWeibo, k, kTestEpoch)->negative;
  CHECK(negative * 10 >= spike.size() * 8);
  const Post first = *w.post(PlatformId::kWeibo, spike.back(), kTestEpoch);  // the oldest
  CHECK(first.author == w.head_author(PlatformId::kWeibo));
  CHECK(first.negative);
}

TEST_CASE("ids of every platform round-trip", "[sandbox][world]") {
  const ItemKey k{42, 61234, 17};
  for (PlatformId p : config::kAllPlatforms) {
    INFO(config::to_string(p));
    const auto back = parse_post_id(p, post_id(p, k));
    REQUIRE(back);
    CHECK(*back == k);
    const auto c = parse_comment_id(p, comment_id(p, k, 123, 4));
    REQUIRE(c);
    CHECK(c->post == k);
    CHECK(c->index == 123);
    CHECK(c->reply == 4);
    CHECK(parse_author_id(p, author_id(p, 777)) == 777U);
  }
  CHECK(post_record_id(PlatformId::kXiaohongshu, k).starts_with("xiaohongshu:note:"));
}

TEST_CASE("the world clock runs at its rate, or not at all", "[sandbox][world]") {
  const WorldClock frozen(kTestEpoch, 0);
  CHECK(frozen.now() == kTestEpoch);
  const WorldClock fast(kTestEpoch, 1e6);
  CHECK(fast.now() >= kTestEpoch);
}

}  // namespace koubei::sandbox::test
