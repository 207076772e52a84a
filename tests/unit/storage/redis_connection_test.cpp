#include "storage/redis/redis_connection.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace koubei::storage::testing {
namespace {

using Catch::Matchers::Contains;
using redis::RedisBatch;
using redis::text_of;
using namespace std::chrono_literals;

TEST_CASE("redis connection: one pipelined batch, replies in order, db selected",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  auto conn = connect_to(server.url(3));
  RedisBatch batch;
  batch.add({"SET", "k", "v1"});
  batch.add({"INCRBY", "n", std::int64_t{41}});
  batch.add({"INCR", "n"});
  batch.add({"GET", "k"});
  batch.add({"HGET", "k", "f"});  // WRONGTYPE: an error reply, not a failed batch
  auto replies = conn->execute(batch);
  REQUIRE(status_of(replies) == "ok");
  REQUIRE(replies->size() == 5);
  CHECK(text_of(*(*replies)[0]) == "OK");
  CHECK(redis::integer_of(*(*replies)[2]) == 42);
  CHECK(text_of(*(*replies)[3]) == "v1");
  CHECK(redis::is_error(*(*replies)[4]));
  CHECK(conn->stats().batches == 1);
  CHECK(conn->stats().commands == 5);
  CHECK(server.command({"SELECT", "3"}) == "OK");
  CHECK(server.command({"DBSIZE"}) == "0");  // command() uses its own connection (db 0)
}

TEST_CASE("redis connection: password sent by AUTH, a wrong one is kAuthFailed and masked",
          "[.integration][storage][redis]") {
  test::RedisServer server({.persistent = false, .password = "correct-horse"});
  auto good = connect_to(server.url());
  RedisBatch ping;
  ping.add({"PING"});
  auto replies = good->execute(ping);
  REQUIRE(status_of(replies) == "ok");
  CHECK(text_of(*(*replies)[0]) == "PONG");

  const std::string wrong = "unix://:battery-staple@" + server.socket_path();
  auto bad = connect_to(wrong);
  auto refused = bad->execute(ping);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == make_error_code(Errc::kAuthFailed));
  CHECK_THAT(refused.error().message(), !Contains("battery-staple"));
  CHECK_THAT(refused.error().message(), Contains("***"));
  CHECK(bad->stats().connect_failures == 1);

  auto none = connect_to("unix://" + server.socket_path());
  auto noauth = none->execute(ping);
  REQUIRE(status_of(noauth) == "ok");  // the server answers, with an error reply
  CHECK_THAT(std::string(text_of(*(*noauth)[0])), Contains("NOAUTH"));
}

TEST_CASE("redis connection: the password never reaches the log, whatever fails",
          "[.integration][storage][redis]") {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured)));
  {
    test::RedisServer server({.persistent = false, .password = "pa55-in-the-log?"});
    FakeClock clock;
    RedisBatch ping;
    ping.add({"PING"});
    auto wrong = connect_to("unix://:wrong-pa55-word@" + server.socket_path(), &clock);
    CHECK_FALSE(wrong->execute(ping).has_value());  // AUTH refused: warn
    auto good = connect_to(server.url(), &clock);
    REQUIRE(status_of(good->execute(ping)) == "ok");
    server.kill();
    CHECK_FALSE(good->execute(ping).has_value());  // lost: warn
    server.start();
    clock.advance(1min);
    REQUIRE(status_of(good->execute(ping)) == "ok");  // recovered: info
  }
  spdlog::set_default_logger(previous);
  const std::string log = captured.str();
  CHECK_THAT(log, Contains("AUTH"));
  CHECK_THAT(log, Contains("connected after"));
  CHECK_THAT(log, Contains(":***@"));
  CHECK_THAT(log, !Contains("pa55"));
}

TEST_CASE("redis connection: redis:// over TCP, ACL user and password",
          "[.integration][storage][redis]") {
  test::RedisServer server({.persistent = false, .password = "", .tcp = true});
  CHECK(server.command({"ACL", "SETUSER", "koubei", "on", ">acl-pass-123", "~*", "+@all"}) == "OK");
  const std::string base = server.tcp_url(2);  // redis://127.0.0.1:<port>/2
  const std::string with_user = "redis://koubei:acl-pass-123@" + base.substr(8);
  auto conn = connect_to(with_user);
  RedisBatch batch;
  batch.add({"ACL", "WHOAMI"});
  batch.add({"SET", "tcp-key", "1"});
  auto replies = conn->execute(batch);
  REQUIRE(status_of(replies) == "ok");
  CHECK(text_of(*(*replies)[0]) == "koubei");
  CHECK(server.command({"EXISTS", "tcp-key"}) == "0");  // it went to db 2
  CHECK_THAT(conn->display(), Contains("koubei:***@127.0.0.1:"));

  auto wrong = connect_to("redis://koubei:nope-nope@" + base.substr(8));
  auto refused = wrong->execute(batch);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == make_error_code(Errc::kAuthFailed));
  CHECK_THAT(refused.error().message(), !Contains("nope-nope"));
}

TEST_CASE("redis connection: down is kUnavailable without retrying until the backoff allows",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  FakeClock clock;
  auto conn = connect_to(server.url(), &clock);
  RedisBatch ping;
  ping.add({"PING"});
  REQUIRE(status_of(conn->execute(ping)) == "ok");

  server.kill();
  auto lost = conn->execute(ping);
  REQUIRE_FALSE(lost.has_value());
  CHECK(lost.error().code == make_error_code(Errc::kUnavailable));
  CHECK_FALSE(conn->connected());

  server.start();  // back, but the backoff has not elapsed on the fake clock
  auto early = conn->execute(ping);
  REQUIRE_FALSE(early.has_value());
  CHECK(early.error().code == make_error_code(Errc::kUnavailable));
  CHECK_THAT(early.error().message(), Contains("next attempt in"));
  CHECK(conn->stats().refused_while_down == 1);

  clock.advance(1min);
  REQUIRE(status_of(conn->execute(ping)) == "ok");
  CHECK(conn->connected());
  CHECK(conn->stats().connects == 2);
}

TEST_CASE("redis connection: nothing listening is kUnavailable; a silent server times out",
          "[.integration][storage][redis]") {
  test::TempDir dir;
  FakeClock clock;
  RedisBatch ping;
  ping.add({"PING"});
  auto missing = connect_to("unix://" + (dir / "none.sock").string(), &clock);
  auto r = missing->execute(ping);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == make_error_code(Errc::kUnavailable));
  CHECK_THAT(r.error().message(), Contains("connect"));

  // A socket that accepts connections (the kernel's backlog) but never answers.
  const std::string path = (dir / "silent.sock").string();
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  path.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  auto options = options_for("unix://" + path, &clock);
  options.command_timeout = 300ms;
  redis::RedisConnection silent(options);
  auto t = silent.execute(ping);
  REQUIRE_FALSE(t.has_value());
  CHECK(t.error().code == make_error_code(Errc::kUnavailable));
  CHECK_THAT(t.error().message(), Contains("timed out"));
  ::close(fd);
}

}  // namespace
}  // namespace koubei::storage::testing
