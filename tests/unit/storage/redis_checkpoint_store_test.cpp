#include "storage/redis/redis_checkpoint_store.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("redis checkpoint store: unknown job is empty, save then load round-trips",
          "[.integration][storage][redis]") {
  test::RedisServer server({.persistent = true, .password = ""});
  redis::RedisCheckpointStore store(connect_to(server.url()), "koubei:");
  auto none = store.load("q1/weibo/search");
  REQUIRE(status_of(none) == "ok");
  CHECK_FALSE(none->has_value());

  const Checkpoint cp{
      "page=3&since=abc", 1700000000123, "weibo:post:1,weibo:post:2", 1700000009999};
  REQUIRE(status_of(store.save("q1/weibo/search", cp)) == "ok");
  CHECK(server.command({"PTTL", "koubei:checkpoint:{q1/weibo/search}"}) == "-1");  // no TTL

  server.kill();  // persistent server: the acknowledged checkpoint survives
  server.start();
  redis::RedisCheckpointStore reopened(connect_to(server.url()), "koubei:", 7 * 24h);
  auto got = reopened.load("q1/weibo/search");
  REQUIRE(status_of(got) == "ok");
  REQUIRE(got->has_value());
  CHECK((*got)->cursor == cp.cursor);
  CHECK((*got)->watermark_ms == cp.watermark_ms);
  CHECK((*got)->watermark_ids == cp.watermark_ids);
  CHECK((*got)->updated_at_ms == cp.updated_at_ms);

  REQUIRE(status_of(reopened.save("q1/weibo/search", Checkpoint{"", 5, "", 6})) == "ok");
  CHECK(std::stoll(server.command({"PTTL", "koubei:checkpoint:{q1/weibo/search}"})) > 0);
  CHECK((*reopened.load("q1/weibo/search"))->cursor.empty());
}

TEST_CASE("redis checkpoint store: Redis down is kUnavailable", "[.integration][storage][redis]") {
  test::RedisServer server;
  FakeClock clock;
  redis::RedisCheckpointStore store(connect_to(server.url(), &clock), "koubei:");
  server.kill();
  auto r = store.save("job", Checkpoint{});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == make_error_code(Errc::kUnavailable));
}

}  // namespace
}  // namespace koubei::storage::testing
