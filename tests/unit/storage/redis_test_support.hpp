#pragma once
// Helpers shared by the Redis storage tests: connections to a test server with a fake clock for
// the backoff, so that "wait for the next reconnect attempt" is a clock step, not a sleep.

#include "storage/redis/redis_connection.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace koubei::storage::testing {

/// A steady clock that moves only when told.
struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1)};

  void advance(std::chrono::milliseconds d) { now += d; }
};

inline redis::RedisConnectionOptions options_for(const std::string& url,
                                                 FakeClock* clock = nullptr) {
  auto endpoint = redis::parse_redis_url(url);
  REQUIRE(endpoint.has_value());
  redis::RedisConnectionOptions options;
  options.endpoint = std::move(*endpoint);
  options.connect_timeout = std::chrono::seconds(10);  // generous: the machine may be loaded
  options.command_timeout = std::chrono::seconds(10);
  options.seed = 1;
  if (clock != nullptr)
    options.clock = [clock] {
      return clock->now;
    };
  return options;
}

inline std::shared_ptr<redis::RedisConnection> connect_to(const std::string& url,
                                                          FakeClock* clock = nullptr) {
  return std::make_shared<redis::RedisConnection>(options_for(url, clock));
}

/// appendfsync always: what the server acknowledged survives its kill -9.
inline test::RedisServerOptions persistent_redis() {
  test::RedisServerOptions options;
  options.persistent = true;
  return options;
}

/// Every entry of a stream, oldest first, as (`id` field, `record` field): what a consumer reads.
inline std::vector<std::pair<std::string, std::string>> stream_entries(const std::string& url,
                                                                       const std::string& stream) {
  auto connection = connect_to(url);
  redis::RedisBatch batch;
  batch.add({"XRANGE", stream, "-", "+"});
  auto replies = connection->execute(batch);
  REQUIRE(status_of(replies) == "ok");
  const redisReply& entries = *(*replies)[0];
  REQUIRE(entries.type == REDIS_REPLY_ARRAY);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < entries.elements; ++i) {
    const redisReply& fields = *entries.element[i]->element[1];  // [entry id, [k, v, k, v]]
    REQUIRE(fields.elements == 4);
    out.emplace_back(std::string(redis::text_of(*fields.element[1])),
                     std::string(redis::text_of(*fields.element[3])));
  }
  return out;
}

}  // namespace koubei::storage::testing
