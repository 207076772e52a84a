#pragma once
// Shared by the HTTP engine tests: a config with test-sized limits and a blocking fetch.

#include "config/config.hpp"
#include "crawler/http/http_engine.hpp"
#include "tests/support/run_coro.hpp"

#include <string>

namespace koubei::test {

/// Generous timeouts (a loaded 2-core machine must never trip them by accident).
inline config::HttpConfig http_test_config() {
  config::HttpConfig c;
  c.connect_timeout = std::chrono::seconds(20);
  c.request_timeout = std::chrono::seconds(60);
  c.stall_timeout = std::chrono::seconds(30);
  return c;
}

inline http::Request get(std::string url) {
  http::Request r;
  r.url = std::move(url);
  return r;
}

/// Fetches from a coroutine on this thread, as a scheduler would, and waits for the Response.
inline http::Response fetch(http::HttpEngine& engine, http::Request request) {
  return run_coro(engine.fetch(std::move(request)));
}

}  // namespace koubei::test
