#pragma once
// Helpers shared by the Redis storage tests: connections to a test server with a fake clock for
// the backoff, so that "wait for the next reconnect attempt" is a clock step, not a sleep.

#include "storage/redis/redis_connection.hpp"
#include "tests/support/redis_server.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>

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

/// "ok", or the error's message: comparing with "ok" shows the message when a check fails.
template <class T>
std::string status_of(const Result<T>& result) {
  return result.has_value() ? "ok" : result.error().message();
}

}  // namespace koubei::storage::testing
