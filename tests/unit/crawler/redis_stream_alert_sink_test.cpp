// The Redis Stream alert channel against a real redis-server on a unix socket: one entry per
// alert with fields id and alert (schema-valid JSON), MAXLEN applied, and a Redis that is gone
// is an error the dispatcher answers with the dead-letter file.
#include "crawler/alerts/redis_stream_alert_sink.hpp"

#include "crawler/alerts/alert_dispatcher.hpp"
#include "crawler/alerts/dead_letter_file.hpp"
#include "storage/errors.hpp"
#include "storage/redis/redis_endpoint.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/unit/crawler/alert_test_support.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using analysis::alerts::Rule;

namespace {

std::shared_ptr<storage::redis::RedisConnection> connect(const std::string& url) {
  auto endpoint = storage::redis::parse_redis_url(url);
  REQUIRE(endpoint.has_value());
  storage::redis::RedisConnectionOptions o;
  o.endpoint = std::move(*endpoint);
  o.connect_timeout = std::chrono::seconds(10);
  o.command_timeout = std::chrono::seconds(10);
  o.seed = 1;
  return std::make_shared<storage::redis::RedisConnection>(std::move(o));
}

}  // namespace

TEST_CASE("redis stream alerts: each alert is one entry with id and alert fields",
          "[.integration][alerts][redis]") {
  test::RedisServer server;
  alerts::RedisStreamAlertSink sink(connect(server.url()), "koubei:alerts", 1000);
  const auto alert = test::sample_alert(Rule::kInfluencer);
  REQUIRE(sink.deliver(alert).has_value());
  REQUIRE(sink.deliver(test::sample_alert(Rule::kCrisis)).has_value());
  CHECK(server.command({"XLEN", "koubei:alerts"}) == "2");
  const std::string first = server.command({"XRANGE", "koubei:alerts", "-", "+", "COUNT", "1"});
  CHECK(first.find("id,influencer:q:1795305600000,alert," + analysis::alerts::to_json(alert)) !=
        std::string::npos);
  CHECK(sink.stats().delivered == 2);
  std::string output;
  CHECK(test::validate_alert_lines(analysis::alerts::to_json(alert) + "\n", output) == 0);
  INFO(output);
}

TEST_CASE("redis stream alerts: MAXLEN ~ bounds the stream", "[.integration][alerts][redis]") {
  test::RedisServer server;
  alerts::RedisStreamAlertSink sink(connect(server.url()), "bounded", 10);
  for (int i = 0; i < 500; ++i)
    REQUIRE(sink.deliver(test::sample_alert(Rule::kSpike)).has_value());
  const int len = std::stoi(server.command({"XLEN", "bounded"}));
  CHECK(len >= 10);
  CHECK(len < 500);
}

TEST_CASE("redis stream alerts: an error reply is not an acknowledgement",
          "[.integration][alerts][redis]") {
  test::RedisServer server;
  server.command({"SET", "not-a-stream", "x"});
  alerts::RedisStreamAlertSink sink(connect(server.url()), "not-a-stream", 0);
  const auto r = sink.deliver(test::sample_alert(Rule::kCrisis));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == storage::Errc::kProtocol);
  CHECK(r.error().where.find("WRONGTYPE") != std::string::npos);
  CHECK(sink.stats().failed == 1);
}

TEST_CASE("redis stream alerts: Redis gone means the dead-letter file",
          "[.integration][alerts][redis]") {
  test::RedisServer server;
  test::TempDir dir;
  alerts::AlertChannels c;
  auto* sink = new alerts::RedisStreamAlertSink(connect(server.url()), "koubei:alerts", 0);
  c.channels.emplace_back(sink);
  c.dead_letter = std::make_unique<alerts::DeadLetterFile>(dir / "dead.jsonl");
  std::ostringstream log_text;
  alerts::AlertDispatcher d(std::move(c), 4, test::capture_logger(log_text));
  server.kill();
  d.submit(test::sample_alert(Rule::kCrisis, "down"));
  d.drain();
  CHECK(d.stats().dead_lettered == 1);
  CHECK(test::read_file(dir / "dead.jsonl").find("crisis:down:") != std::string::npos);
  CHECK(sink->stats().failed == 1);
}
