#include "storage/redis/redis_stream_sink.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::testing {
namespace {

using Catch::Matchers::Contains;
using redis::RedisStreamSink;

std::vector<OutRecord> records(int from, int to) {
  std::vector<OutRecord> out;
  for (int i = from; i < to; ++i) {
    const std::string id = "weibo:post:" + std::to_string(i);
    out.push_back({id, R"({"id":")" + id + R"(","text":"好"})"});
  }
  return out;
}

TEST_CASE("redis stream sink: every record is one entry with id and record fields",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  RedisStreamSink sink(connect_to(server.url()), "stream", "koubei:mentions", 0);
  REQUIRE(status_of(sink.write(records(0, 300))) == "ok");
  CHECK(server.command({"XLEN", "koubei:mentions"}) == "300");
  const std::string first = server.command({"XRANGE", "koubei:mentions", "-", "+", "COUNT", "1"});
  CHECK_THAT(first, Contains("id,weibo:post:0,record,{\"id\":\"weibo:post:0\",\"text\":\"好\"}"));
  CHECK(sink.stats().batches == 1);
  CHECK(sink.stats().records == 300);
  CHECK(sink.name() == "stream");
}

TEST_CASE("redis stream sink: MAXLEN ~ bounds the stream approximately",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  RedisStreamSink sink(connect_to(server.url()), "s", "bounded", 100);
  for (int b = 0; b < 20; ++b)
    REQUIRE(status_of(sink.write(records(b * 100, b * 100 + 100))) == "ok");
  const long len = std::stol(server.command({"XLEN", "bounded"}));
  CHECK(len >= 100);
  CHECK(len < 2000);  // trimmed: without MAXLEN it would hold all 2000
}

TEST_CASE("redis stream sink: an error reply or a dead server fails the batch as a value",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  CHECK(server.command({"SET", "not-a-stream", "x"}) == "OK");
  RedisStreamSink wrong(connect_to(server.url()), "w", "not-a-stream", 10);
  auto r = wrong.write(records(0, 3));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == make_error_code(Errc::kProtocol));
  CHECK_THAT(r.error().message(), Contains("WRONGTYPE"));
  CHECK_THAT(r.error().message(), Contains("redis_stream sink w"));
  CHECK(wrong.stats().failures == 1);

  RedisStreamSink sink(connect_to(server.url()), "s", "live", 0);
  server.kill();
  auto down = sink.write(records(0, 3));
  REQUIRE_FALSE(down.has_value());
  CHECK(down.error().code == make_error_code(Errc::kUnavailable));
}

TEST_CASE("redis stream sink from config: own redis_url, else [redis] url, else an error",
          "[storage][redis]") {
  config::SinkConfig sink;
  sink.type = config::SinkType::kRedisStream;
  sink.name = "stream";
  auto none = redis::make_redis_stream_sink(sink, std::nullopt);
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().code == make_error_code(Errc::kBadAddress));

  config::RedisConfig shared;
  shared.url = config::Secret("unix:///tmp/x.sock");
  auto fallback = redis::make_redis_stream_sink(sink, shared);
  REQUIRE(fallback.has_value());

  sink.redis_url = config::Secret("rediss://:pw-secret@h:6379/0");
  auto tls = redis::make_redis_stream_sink(sink, shared);
  REQUIRE_FALSE(tls.has_value());
  CHECK_THAT(tls.error().message(), Contains("redis_stream sink stream"));
  CHECK_THAT(tls.error().message(), !Contains("pw-secret"));
}

}  // namespace
}  // namespace koubei::storage::testing
