#include "storage/redis/redis_job_leases.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

#include <thread>

namespace koubei::storage::testing {
namespace {

using namespace std::chrono_literals;
using Jobs = std::vector<std::string>;

bool holds(const LeaseTable& t, const std::string& job, const std::string& owner) {
  for (const auto& l : t.leases) {
    if (l.job == job) return l.owner == owner;
  }
  return false;
}

TEST_CASE("redis job leases: one holder per job, renew, release, expiry, leave",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  redis::RedisJobLeases a(connect_to(server.url()), "koubei:");
  redis::RedisJobLeases b(connect_to(server.url()), "koubei:");
  const Jobs jobs{"search:q0:weibo:华为 信号", "search:q1:douyin:小米 售后", "watch:w0:weibo:1"};

  auto first = a.round("host-a:1", 60'000, jobs, {});
  REQUIRE(status_of(first) == "ok");
  CHECK(first->held == jobs);
  CHECK(first->members == Jobs{"host-a:1"});
  CHECK(first->next_expiry_ms == -1);  // alone: no peer to watch

  // b asks for everything: nothing is free; it is a member now.
  auto denied = b.round("host-b:2", 60'000, jobs, {});
  REQUIRE(status_of(denied) == "ok");
  CHECK(denied->held.empty());
  CHECK(denied->members == Jobs{"host-a:1", "host-b:2"});
  // b learns when a's heartbeat runs out, to take a's jobs over just after, should a die.
  CHECK(denied->next_expiry_ms > 50'000);
  CHECK(denied->next_expiry_ms <= 60'000);

  // a renews two and lets one go; b gets it. b cannot release what a holds.
  auto renewed = a.round("host-a:1", 60'000, Jobs{jobs[0], jobs[1]}, Jobs{jobs[2]});
  REQUIRE(status_of(renewed) == "ok");
  CHECK(renewed->held == Jobs{jobs[0], jobs[1]});
  auto taken = b.round("host-b:2", 60'000, jobs, Jobs{jobs[0]});
  REQUIRE(status_of(taken) == "ok");
  CHECK(taken->held == Jobs{jobs[2]});
  auto table = a.view();
  REQUIRE(status_of(table) == "ok");
  CHECK(holds(*table, jobs[0], "host-a:1"));
  CHECK(holds(*table, jobs[2], "host-b:2"));
  CHECK(table->members.size() == 2);
  for (const auto& l : table->leases) CHECK(l.expires_ms > table->now_ms);

  // a leaves cleanly: its jobs are free at once and it is no member any more.
  REQUIRE(status_of(a.leave("host-a:1")) == "ok");
  auto after = b.round("host-b:2", 60'000, jobs, {});
  REQUIRE(status_of(after) == "ok");
  CHECK(after->held == jobs);
  CHECK(after->members == Jobs{"host-b:2"});

  // A short lease of a member that stops renewing expires, with its heartbeat.
  auto brief = a.round("host-c:3", 200, Jobs{"search:q9:weibo:x"}, {});
  REQUIRE(status_of(brief) == "ok");
  CHECK(brief->held == Jobs{"search:q9:weibo:x"});
  CHECK(b.round("host-b:2", 60'000, Jobs{"search:q9:weibo:x"}, {})->held.empty());
  std::this_thread::sleep_for(400ms);
  auto expired = b.round("host-b:2", 60'000, Jobs{"search:q9:weibo:x"}, {});
  REQUIRE(status_of(expired) == "ok");
  CHECK(expired->held == Jobs{"search:q9:weibo:x"});
  CHECK(expired->members == Jobs{"host-b:2"});
}

TEST_CASE("redis job leases: an unreachable server is kUnavailable, not a grant",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  redis::RedisJobLeases a(connect_to(server.url()), "koubei:");
  server.kill();
  auto r = a.round("host-a:1", 60'000, Jobs{"j"}, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == make_error_code(Errc::kUnavailable));
}

}  // namespace
}  // namespace koubei::storage::testing
