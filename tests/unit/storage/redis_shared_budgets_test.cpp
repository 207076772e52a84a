#include "storage/redis/redis_shared_budgets.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

namespace koubei::storage::testing {
namespace {

using namespace std::chrono_literals;

BudgetTake take_of(std::vector<std::size_t> candidates, std::uint32_t want) {
  BudgetTake t;
  t.platform = "weibo";
  t.platform_rate = {1, 3};  // 1/s, burst 3: no refill worth a token within the test's steps
  t.accounts = {{"acct-a#00aa", {1, 2}}, {"acct-b#00bb", {1, 5}}};
  t.candidates = std::move(candidates);
  t.want = want;
  return t;
}

TEST_CASE("redis shared budgets: platform and account buckets are taken together, in preference order",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  redis::RedisSharedBudgets a(connect_to(server.url()), "koubei:");
  redis::RedisSharedBudgets b(connect_to(server.url()), "koubei:");

  // a asks for 5: account a holds 2, the platform 3: 2 from account a.
  auto first = a.take(take_of({0, 1}, 5));
  REQUIRE(status_of(first) == "ok");
  REQUIRE(first->account == std::optional<std::size_t>(0));
  CHECK(first->count == 2);
  // Another daemon, same buckets: account a is empty, so account b gives the platform's last one.
  auto second = b.take(take_of({0, 1}, 5));
  REQUIRE(status_of(second) == "ok");
  REQUIRE(second->account == std::optional<std::size_t>(1));
  CHECK(second->count == 1);
  // The platform bucket is empty: nothing, and about a second (one token at 1/s) to wait.
  auto third = a.take(take_of({1}, 1));
  REQUIRE(status_of(third) == "ok");
  CHECK_FALSE(third->account);
  CHECK(third->count == 0);
  CHECK(third->wait_ms > 500);
  CHECK(third->wait_ms <= 1000);
  CHECK(third->blocked.empty());
}

TEST_CASE("redis shared budgets: a block reported by one daemon holds for the others, with its reason",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  redis::RedisSharedBudgets a(connect_to(server.url()), "koubei:");
  redis::RedisSharedBudgets b(connect_to(server.url()), "koubei:");
  auto fast = [](std::vector<std::size_t> candidates) {
    BudgetTake t = take_of(std::move(candidates), 1);
    t.platform_rate = {1000, 50};
    t.accounts[0].rate = {1000, 50};
    t.accounts[1].rate = {1000, 50};
    return t;
  };

  REQUIRE(status_of(a.block("weibo", "acct-a#00aa", 60'000, "unhealthy", "captcha ×3 in a row",
                            3600'000)) == "ok");
  // b never saw the captcha: account a is skipped, b's grant comes from account b.
  auto granted = b.take(fast({0, 1}));
  REQUIRE(status_of(granted) == "ok");
  CHECK(granted->account == std::optional<std::size_t>(1));
  REQUIRE(granted->blocked.size() == 1);
  CHECK(granted->blocked[0].account == 0);
  CHECK(granted->blocked[0].state == "unhealthy");
  CHECK(granted->blocked[0].reason == "captcha ×3 in a row");
  CHECK(granted->blocked[0].remaining_ms > 59'000);
  CHECK(granted->blocked[0].remaining_ms <= 60'000);
  // Only account a asked: nothing until the block ends.
  auto denied = b.take(fast({0}));
  REQUIRE(status_of(denied) == "ok");
  CHECK_FALSE(denied->account);
  CHECK(denied->wait_ms > 59'000);
  // A shorter block does not shorten it.
  REQUIRE(status_of(b.block("weibo", "acct-a#00aa", 10, "cooling_down", "rate_limited ×1 in a row",
                            3600'000)) == "ok");
  auto view = b.view("weibo", {"", "acct-a#00aa", "acct-b#00bb", "acct-c#00cc"});
  REQUIRE(status_of(view) == "ok");
  REQUIRE(view->size() == 4);
  CHECK((*view)[0].exists);
  CHECK((*view)[0].blocked_ms == 0);
  CHECK((*view)[1].blocked_ms > 59'000);
  CHECK((*view)[1].reason == "rate_limited ×1 in a row");
  CHECK((*view)[2].exists);
  CHECK_FALSE((*view)[3].exists);

  // Healthy again (an ok answer after a probe): usable at once by everyone.
  REQUIRE(status_of(a.clear("weibo", "acct-a#00aa")) == "ok");
  auto again = b.take(fast({0}));
  REQUIRE(status_of(again) == "ok");
  CHECK(again->account == std::optional<std::size_t>(0));
  CHECK(again->blocked.empty());

  // A Retry-After for the whole client blocks the platform's bucket.
  REQUIRE(status_of(a.block("weibo", "", 30'000, "cooling_down", "retry-after", 3600'000)) == "ok");
  auto platform_blocked = b.take(fast({0, 1}));
  REQUIRE(status_of(platform_blocked) == "ok");
  CHECK_FALSE(platform_blocked->account);
  CHECK(platform_blocked->wait_ms > 29'000);
}

TEST_CASE("redis shared budgets: three daemons taking as fast as they can stay within one bucket",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  constexpr double kRate = 100, kBurst = 5;
  std::atomic<std::uint64_t> granted{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> daemons;
  for (int d = 0; d < 3; ++d) {
    daemons.emplace_back([&] {
      redis::RedisSharedBudgets budgets(connect_to(server.url()), "koubei:");
      BudgetTake t;
      t.platform = "douyin";
      t.platform_rate = {kRate, kBurst};
      t.accounts = {{"only#01", {10'000, 100}}};
      t.candidates = {0};
      t.want = 2;
      while (std::chrono::steady_clock::now() - start < 1s) {
        auto g = budgets.take(t);
        if (g && g->account) granted += g->count;
      }
    });
  }
  for (auto& t : daemons) t.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Never more than rate × t + burst (the bucket starts full) ...
  CHECK(static_cast<double>(granted.load()) <= kRate * elapsed + kBurst);
  // ... and the three together do get the bucket's rate, not a third of it (loose: a loaded
  // machine may delay the calls, never speed them up).
  CHECK(granted.load() >= 50);
}

}  // namespace
}  // namespace koubei::storage::testing
