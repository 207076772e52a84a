// PlatformLane on a real io_context and the real steady clock: who gets the gate, in which order,
// and when. The io_context is only polled (or run until it runs out of work): no test sleeps.

#include "scheduler/run/platform_lane.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace koubei::scheduler {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// Rate and burst large enough that only the concurrency cap holds requests back.
config::PlatformConfig platform(std::uint32_t concurrency, config::Rate rate = {1000, 1s},
                                std::uint32_t burst = 100) {
  config::PlatformConfig p;
  p.rate = rate;
  p.burst = burst;
  p.concurrency = concurrency;
  return p;
}

// The io_context stops when it runs out of work; each drain starts it again.
void poll(asio::io_context& io) {
  io.restart();
  io.poll();
}

void run(asio::io_context& io) {
  io.restart();
  io.run();
}

// Requests started on the lane, each recorded when acquire() completes.
class Requests {
 public:
  explicit Requests(asio::io_context& io, PlatformLane& lane) : io_(io), lane_(lane) {}

  void start(const std::string& name, Priority priority) {
    asio::co_spawn(
        io_,
        [this, name, priority]() -> asio::awaitable<void> {
          auto grant = co_await lane_.acquire(priority);
          order.push_back(name);
          results[name] = grant;
          done_at[name] = Clock::now();
        },
        asio::detached);
    poll(io_);  // queued now, so arrival order is start order
  }

  /// Releases the grant `name` got (ok) and lets the woken waiter record itself.
  void release(const std::string& name) {
    REQUIRE(results.count(name) == 1);
    REQUIRE(results[name].has_value());
    lane_.release(*results[name], Outcome::kOk);
    poll(io_);
  }

  bool done(const std::string& name) const { return results.count(name) == 1; }

  std::vector<std::string> order;
  std::map<std::string, std::optional<Grant>> results;
  std::map<std::string, TimePoint> done_at;

 private:
  asio::io_context& io_;
  PlatformLane& lane_;
};

}  // namespace

TEST_CASE("PlatformLane grants up to the concurrency cap, then one per release",
          "[scheduler][lane]") {
  asio::io_context io;
  PlatformLane lane(io.get_executor(), config::PlatformId::kWeibo, platform(2), {});
  Requests r(io, lane);
  for (const char* name : {"a", "b", "c", "d"}) r.start(name, Priority::kPoll);

  CHECK(r.order == std::vector<std::string>{"a", "b"});
  CHECK(lane.in_flight() == 2);
  CHECK(lane.waiting() == 2);
  CHECK(lane.wait_reason() == "concurrency");

  r.release("a");
  CHECK(r.order == std::vector<std::string>{"a", "b", "c"});
  CHECK(lane.in_flight() == 2);
  CHECK(lane.waiting() == 1);

  r.release("b");
  r.release("c");
  CHECK(r.order == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(lane.in_flight() == 1);
  CHECK(lane.waiting() == 0);
  CHECK(lane.wait_reason().empty());
  r.release("d");
  CHECK(lane.in_flight() == 0);
  run(io);  // nothing is left waiting: returns at once
}

TEST_CASE("PlatformLane serves follow-ups before polls, each in arrival order",
          "[scheduler][lane]") {
  asio::io_context io;
  PlatformLane lane(io.get_executor(), config::PlatformId::kXiaohongshu, platform(1), {});
  Requests r(io, lane);
  r.start("holder", Priority::kPoll);
  r.start("poll1", Priority::kPoll);
  r.start("poll2", Priority::kPoll);
  r.start("follow1", Priority::kFollowUp);
  r.start("poll3", Priority::kPoll);
  r.start("follow2", Priority::kFollowUp);
  REQUIRE(r.order == std::vector<std::string>{"holder"});
  CHECK(lane.waiting() == 5);

  r.release("holder");
  r.release("follow1");
  r.release("follow2");
  r.release("poll1");
  r.release("poll2");
  CHECK(r.order == std::vector<std::string>{"holder", "follow1", "follow2", "poll1", "poll2",
                                            "poll3"});
  r.release("poll3");
  run(io);
}

TEST_CASE("PlatformLane wakes a waiter when the platform bucket refills", "[scheduler][lane]") {
  asio::io_context io;
  // 20 requests a second, burst 1: the second request waits ~50 ms for its token.
  PlatformLane lane(io.get_executor(), config::PlatformId::kWeibo, platform(4, {20, 1s}, 1), {});
  Requests r(io, lane);
  const TimePoint started = Clock::now();
  r.start("first", Priority::kPoll);
  r.start("second", Priority::kPoll);
  REQUIRE(r.order == std::vector<std::string>{"first"});
  CHECK(lane.waiting() == 1);
  // The default account shares the platform rate: either bucket may be the one named.
  CHECK_THAT(lane.wait_reason(), Catch::Matchers::EndsWith("_budget"));

  run(io);  // only the lane's wake timer is left: it fires, grants, and the work runs out

  REQUIRE(r.order == std::vector<std::string>{"first", "second"});
  REQUIRE(r.results["second"].has_value());
  // A token takes 50 ms to come back; the clock is real, so allow for rounding only.
  CHECK(r.done_at["second"] - started >= 40ms);
  CHECK(lane.in_flight() == 2);
  CHECK(lane.waiting() == 0);
}

TEST_CASE("PlatformLane::stop wakes every waiter with nullopt and refuses later acquires",
          "[scheduler][lane]") {
  asio::io_context io;
  PlatformLane lane(io.get_executor(), config::PlatformId::kDouyin, platform(1), {});
  Requests r(io, lane);
  r.start("holder", Priority::kPoll);
  r.start("poll", Priority::kPoll);
  r.start("follow", Priority::kFollowUp);
  REQUIRE(lane.waiting() == 2);

  lane.stop();
  poll(io);
  CHECK(lane.waiting() == 0);
  REQUIRE(r.done("poll"));
  REQUIRE(r.done("follow"));
  CHECK_FALSE(r.results["poll"].has_value());
  CHECK_FALSE(r.results["follow"].has_value());

  r.start("late", Priority::kFollowUp);  // one poll: it must not wait at all
  REQUIRE(r.done("late"));
  CHECK_FALSE(r.results["late"].has_value());
  CHECK(r.results["holder"].has_value());
  run(io);  // nothing is left waiting
}

TEST_CASE("PlatformLane::stop also ends a wait for a bucket refill", "[scheduler][lane]") {
  asio::io_context io;
  // One request an hour: without stop() the second would wait that long.
  PlatformLane lane(io.get_executor(), config::PlatformId::kWeibo, platform(4, {1, 1h}, 1), {});
  Requests r(io, lane);
  r.start("first", Priority::kPoll);
  r.start("second", Priority::kPoll);
  REQUIRE_THAT(lane.wait_reason(), Catch::Matchers::EndsWith("_budget"));
  lane.stop();
  run(io);  // returns: the wake timer was cancelled too
  REQUIRE(r.done("second"));
  CHECK_FALSE(r.results["second"].has_value());
}

TEST_CASE("PlatformLane identities: each account's cookie and proxy, \"default\" without accounts",
          "[scheduler][lane]") {
  asio::io_context io;
  SECTION("configured accounts, in config order, each with its own cookie jar") {
    config::PlatformConfig p = platform(4);
    for (int i = 0; i < 2; ++i) {
      config::AccountConfig a;
      a.name = "acct" + std::to_string(i);
      a.cookie = config::Secret("SUB=cookie" + std::to_string(i));
      a.proxy = config::Secret("http://proxy" + std::to_string(i) + ":3128");
      p.accounts.push_back(a);
    }
    PlatformLane lane(io.get_executor(), config::PlatformId::kWeibo, p, {});
    const AccountIdentity& first = lane.identity(Grant{0});
    const AccountIdentity& second = lane.identity(Grant{1});
    CHECK(first.name == "acct0");
    CHECK(first.cookie.reveal() == "SUB=cookie0");
    CHECK(first.proxy.reveal() == "http://proxy0:3128");
    CHECK(second.name == "acct1");
    CHECK(second.cookie.reveal() == "SUB=cookie1");
    CHECK(second.proxy.reveal() == "http://proxy1:3128");
    REQUIRE(first.jar);
    REQUIRE(second.jar);
    CHECK(first.jar != second.jar);
    CHECK(lane.accounts().size() == 2);

    // Grants rotate over the accounts, and each names an identity that exists.
    Requests r(io, lane);
    r.start("a", Priority::kPoll);
    r.start("b", Priority::kPoll);
    REQUIRE(r.results["a"].has_value());
    REQUIRE(r.results["b"].has_value());
    CHECK(r.results["a"]->account != r.results["b"]->account);
    CHECK_THROWS(lane.identity(Grant{2}));
  }
  SECTION("no accounts: one anonymous account named default") {
    PlatformLane lane(io.get_executor(), config::PlatformId::kDianping, platform(1), {});
    CHECK(lane.platform() == config::PlatformId::kDianping);
    const AccountIdentity& only = lane.identity(Grant{0});
    CHECK(only.name == "default");
    CHECK(only.cookie.empty());
    CHECK(only.proxy.empty());
    CHECK(only.jar);
    REQUIRE(lane.accounts().size() == 1);
    CHECK(lane.accounts()[0].name == "default");
    CHECK_THROWS(lane.identity(Grant{1}));
  }
}

}  // namespace koubei::scheduler
