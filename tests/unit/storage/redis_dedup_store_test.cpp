#include "storage/redis/redis_dedup_store.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <thread>
#include <vector>

namespace koubei::storage::testing {
namespace {

using Catch::Matchers::Contains;
using redis::RedisDedupStore;
using namespace std::chrono_literals;
using S = ClaimState;

constexpr config::Duration kClaimTtl = 5min;
constexpr config::Duration kDedupTtl = 30 * 24h;

std::vector<std::string> ids_of(int from, int to) {
  std::vector<std::string> ids;
  for (int i = from; i < to; ++i)
    ids.push_back("weibo:post:" + std::to_string(i));
  return ids;
}

TEST_CASE("redis dedup: claim, confirm and release follow the protocol",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  RedisDedupStore store(connect_to(server.url()), "koubei:");
  const std::vector<std::string> batch = {"a", "b", "a", "c"};

  auto first = store.claim(batch, kClaimTtl);
  REQUIRE(status_of(first) == "ok");
  CHECK(*first == std::vector<S>{S::kNew, S::kNew, S::kClaimed, S::kNew});
  CHECK(server.command({"GET", "koubei:dedup:{a}"}) == "c:" + store.token());
  const auto claim_pttl = std::stoll(server.command({"PTTL", "koubei:dedup:{a}"}));
  CHECK(claim_pttl > 0);
  CHECK(claim_pttl <= kClaimTtl.count());

  // Still in flight in this very handle: not new again.
  auto again = store.claim(std::vector<std::string>{"a"}, kClaimTtl);
  REQUIRE(status_of(again) == "ok");
  CHECK(again->front() == S::kClaimed);

  REQUIRE(status_of(store.confirm(std::vector<std::string>{"a"}, kDedupTtl)) == "ok");
  REQUIRE(status_of(store.release(std::vector<std::string>{"b"})) == "ok");
  const auto delivered_pttl = std::stoll(server.command({"PTTL", "koubei:dedup:{a}"}));
  CHECK(delivered_pttl > kClaimTtl.count());
  CHECK(delivered_pttl <= kDedupTtl.count());

  RedisDedupStore other(connect_to(server.url()), "koubei:");
  auto seen = other.claim(std::vector<std::string>{"a", "b", "c"}, kClaimTtl);
  REQUIRE(status_of(seen) == "ok");
  CHECK(*seen == std::vector<S>{S::kDelivered, S::kNew, S::kClaimed});

  const DedupStats st = store.stats();
  CHECK(st.claims == 5);
  CHECK(st.new_ids == 3);
  CHECK(st.claimed == 2);
  CHECK(st.confirms == 1);
  CHECK(st.releases == 1);
  CHECK(st.errors == 0);
}

TEST_CASE("redis dedup: release drops only this handle's claims",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  RedisDedupStore owner(connect_to(server.url()), "koubei:");
  RedisDedupStore stranger(connect_to(server.url()), "koubei:");
  const std::vector<std::string> ids = {"x", "y"};
  REQUIRE(status_of(owner.claim(ids, kClaimTtl)) == "ok");
  REQUIRE(status_of(owner.confirm(std::vector<std::string>{"y"}, kDedupTtl)) == "ok");
  // Neither a claim nor a delivered mark of someone else is released.
  REQUIRE(status_of(stranger.release(ids)) == "ok");
  CHECK(server.command({"GET", "koubei:dedup:{x}"}) == "c:" + owner.token());
  CHECK(server.command({"GET", "koubei:dedup:{y}"}) == "d");
  REQUIRE(status_of(owner.release(ids)) == "ok");
  CHECK(server.command({"EXISTS", "koubei:dedup:{x}"}) == "0");
  CHECK(server.command({"GET", "koubei:dedup:{y}"}) == "d");  // delivered stays delivered
}

TEST_CASE("redis dedup: a claim that is never confirmed expires and the id is new again",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  RedisDedupStore dying(connect_to(server.url()), "koubei:");
  const std::vector<std::string> ids = {"douyin:video:7"};
  REQUIRE(dying.claim(ids, 20ms).value() == std::vector<S>{S::kNew});
  RedisDedupStore later(connect_to(server.url()), "koubei:");
  // Waits for Redis to expire the key (no timing assertion: any delay up to 30 s passes).
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  S state = S::kClaimed;
  while (state == S::kClaimed && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
    auto r = later.claim(ids, kClaimTtl);
    REQUIRE(status_of(r) == "ok");
    state = r->front();
  }
  CHECK(state == S::kNew);
}

TEST_CASE("redis dedup: two handles (two processes) deliver each id exactly once",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  const auto ids = ids_of(0, 3000);
  std::vector<std::string> delivered[2];
  auto worker = [&](int n) {
    RedisDedupStore store(connect_to(server.url()), "koubei:");
    auto order = ids;
    std::shuffle(order.begin(), order.end(), std::mt19937(static_cast<unsigned>(n + 1)));
    for (std::size_t at = 0; at < order.size(); at += 100) {
      std::vector<std::string> batch(order.begin() + static_cast<std::ptrdiff_t>(at),
                                     order.begin() + static_cast<std::ptrdiff_t>(at + 100));
      auto states = store.claim(batch, kClaimTtl);
      if (!states) return;  // the main thread's check below fails with missing ids
      std::vector<std::string> fresh;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if ((*states)[i] == S::kNew) fresh.push_back(batch[i]);
      }
      delivered[n].insert(delivered[n].end(), fresh.begin(), fresh.end());
      if (!store.confirm(fresh, kDedupTtl)) return;
    }
  };
  std::thread a(worker, 0);
  std::thread b(worker, 1);
  a.join();
  b.join();
  std::map<std::string, int> count;
  for (const auto& d : delivered) {
    for (const auto& id : d)
      ++count[id];
  }
  CHECK(count.size() == ids.size());
  CHECK(std::all_of(count.begin(), count.end(), [](const auto& kv) { return kv.second == 1; }));
  // Both really competed (each delivered some), which is what makes the check meaningful.
  CHECK(!delivered[0].empty());
  CHECK(!delivered[1].empty());
}

TEST_CASE("redis dedup: Redis killed mid-run and restarted: errors are values, nothing twice",
          "[.integration][storage][redis]") {
  test::RedisServer server({.persistent = true, .password = ""});
  FakeClock clock;
  RedisDedupStore store(connect_to(server.url(), &clock), "koubei:");
  std::map<std::string, int> sink;  // id -> times delivered
  int errors = 0;
  // The delivery loop of the pipeline in miniature: claim, write kNew to the sink, confirm;
  // on an error wait (fake clock) and retry; the outage is injected at two different steps.
  auto deliver = [&](const std::vector<std::string>& batch, bool kill_before_confirm) {
    for (;;) {
      auto states = store.claim(batch, kClaimTtl);
      if (!states) {
        ++errors;
        CHECK(states.error().code == make_error_code(Errc::kUnavailable));
        if (!server.running()) server.start();
        clock.advance(1min);
        continue;
      }
      std::vector<std::string> fresh;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if ((*states)[i] == S::kNew) fresh.push_back(batch[i]);
      }
      for (const auto& id : fresh)
        ++sink[id];
      if (kill_before_confirm) server.kill();
      while (!store.confirm(fresh, kDedupTtl)) {
        ++errors;
        if (!server.running()) server.start();
        clock.advance(1min);
      }
      return;
    }
  };
  for (int b = 0; b < 10; ++b) {
    if (b == 3) server.kill();  // down between batches
    deliver(ids_of(b * 50, b * 50 + 50), /*kill_before_confirm=*/b == 6);
  }
  CHECK(errors >= 2);
  CHECK(sink.size() == 500);
  CHECK(std::all_of(sink.begin(), sink.end(), [](const auto& kv) { return kv.second == 1; }));
  // The next crawl of the same window delivers nothing again, even after another restart.
  server.kill();
  server.start();
  clock.advance(1min);
  auto again = store.claim(ids_of(0, 500), kClaimTtl);
  REQUIRE(status_of(again) == "ok");
  CHECK(std::count(again->begin(), again->end(), S::kDelivered) == 500);
}

TEST_CASE("redis dedup: works behind a password; a wrong one is an error value",
          "[.integration][storage][redis]") {
  test::RedisServer server({.persistent = false, .password = "s3cret-pass"});
  RedisDedupStore store(connect_to(server.url()), "app1:");
  auto r = store.claim(std::vector<std::string>{"m"}, kClaimTtl);
  REQUIRE(status_of(r) == "ok");
  CHECK(server.command({"EXISTS", "app1:dedup:{m}"}) == "1");

  RedisDedupStore wrong(connect_to("unix://:not-it-at-all@" + server.socket_path()), "app1:");
  auto w = wrong.claim(std::vector<std::string>{"m"}, kClaimTtl);
  REQUIRE_FALSE(w.has_value());
  CHECK(w.error().code == make_error_code(Errc::kAuthFailed));
  CHECK_THAT(w.error().message(), !Contains("not-it-at-all"));
  CHECK(wrong.stats().errors == 1);
}

TEST_CASE("redis dedup: release survives a script cache flush (NOSCRIPT then SCRIPT LOAD)",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  RedisDedupStore store(connect_to(server.url()), "koubei:");
  const std::vector<std::string> ids = {"p", "q"};
  REQUIRE(status_of(store.claim(ids, kClaimTtl)) == "ok");
  REQUIRE(status_of(store.release(std::vector<std::string>{"p"})) == "ok");
  CHECK(server.command({"SCRIPT", "FLUSH"}) == "OK");
  REQUIRE(status_of(store.release(std::vector<std::string>{"q"})) == "ok");
  CHECK(server.command({"EXISTS", "koubei:dedup:{p}"}) == "0");
  CHECK(server.command({"EXISTS", "koubei:dedup:{q}"}) == "0");
}

}  // namespace
}  // namespace koubei::storage::testing
