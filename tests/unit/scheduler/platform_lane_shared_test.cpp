// Two PlatformLanes, as two daemons' lanes of one platform, on the shared budgets of a real
// redis-server: a cool-down one lane's request earns holds for the other, and a lane whose Redis
// went away falls back to its own buckets.

#include "scheduler/run/platform_lane.hpp"
#include "storage/redis/redis_shared_budgets.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace koubei::scheduler {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

config::PlatformConfig two_accounts() {
  config::PlatformConfig p;
  p.rate = {1000, 1s};
  p.burst = 100;
  p.concurrency = 4;
  for (const char* name : {"main", "spare"}) {
    config::AccountConfig a;
    a.name = name;
    a.cookie = config::Secret(std::string("SUB=") + name + "-cookie");
    p.accounts.push_back(a);
  }
  return p;
}

// The link CrawlRuntime builds, with the store called inline and the answer posted back.
SharedBudgetLink link_to(asio::io_context& io, storage::SharedBudgets& budgets) {
  SharedBudgetLink link;
  link.take = [&io, &budgets](storage::BudgetTake request, SharedBudgetLink::TakeDone done) {
    asio::post(io, [done = std::move(done), answer = budgets.take(request)]() mutable {
      done(std::move(answer));
    });
  };
  link.block = [&budgets](std::string bucket, std::int64_t for_ms, std::string state, std::string reason) {
    (void)budgets.block("weibo", bucket, for_ms, state, reason, 600'000);
  };
  link.clear = [&budgets](std::string bucket) { (void)budgets.clear("weibo", bucket); };
  return link;
}

std::optional<Grant> acquire(asio::io_context& io, PlatformLane& lane) {
  std::optional<Grant> got;
  bool done = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        got = co_await lane.acquire(Priority::kPoll);
        done = true;
      },
      asio::detached);
  for (int i = 0; i < 1000 && !done; ++i) {
    io.restart();
    io.run_for(10ms);
  }
  REQUIRE(done);
  return got;
}

}  // namespace

TEST_CASE("PlatformLane with shared budgets: a cool-down one daemon earns holds for the others, "
          "and a lost Redis means the lane's own buckets",
          "[scheduler][lane][.integration]") {
  test::RedisServer server;
  storage::redis::RedisSharedBudgets store_a(storage::testing::connect_to(server.url()), "koubei:");
  storage::redis::RedisSharedBudgets store_b(storage::testing::connect_to(server.url()), "koubei:");
  asio::io_context io;
  PlatformLane a(io.get_executor(), config::PlatformId::kWeibo, two_accounts(), {});
  PlatformLane b(io.get_executor(), config::PlatformId::kWeibo, two_accounts(), {});
  a.use_shared_budgets(link_to(io, store_a));
  b.use_shared_budgets(link_to(io, store_b));
  CHECK(a.budgets() == "shared");

  // Daemon a's request on "main" meets a captcha: "main" cools down, and the store hears of it.
  auto first = acquire(io, a);
  REQUIRE(first);
  CHECK(a.identity(*first).name == "main");
  a.release(*first, Outcome::kCaptcha);
  CHECK(a.accounts()[0].state == AccountState::kCoolingDown);
  CHECK(a.budget_calls() == 1);

  // Daemon b never saw it: its requests all go to "spare", and it shows why "main" rests.
  for (int i = 0; i < 3; ++i) {
    auto grant = acquire(io, b);
    REQUIRE(grant);
    CHECK(b.identity(*grant).name == "spare");
    b.release(*grant, Outcome::kOk);
  }
  CHECK(b.accounts()[0].state == AccountState::kCoolingDown);
  CHECK(b.accounts()[0].reason == "captcha ×1 in a row");
  const std::string main_bucket = budget_bucket_name("main", config::Secret("SUB=main-cookie"));
  auto view = store_b.view("weibo", {main_bucket});
  REQUIRE(view.has_value());
  CHECK((*view)[0].blocked_ms > 0);
  CHECK((*view)[0].reason == "captcha ×1 in a row");

  // Redis goes away: b falls back to its own buckets and still grants, and says so.
  server.kill();
  auto fallback = acquire(io, b);
  REQUIRE(fallback);
  CHECK(b.budgets() == "local (shared budgets unreachable)");
  CHECK(b.budget_errors() >= 1);
  b.release(*fallback, Outcome::kOk);
  a.stop();
  b.stop();
}

}  // namespace koubei::scheduler
