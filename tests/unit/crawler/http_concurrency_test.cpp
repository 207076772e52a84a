// Many requests on the one network thread: 1,000 concurrent fetches, the max_in_flight queue,
// cancellation of one fetch (asio cancellation slot and cancel(id)) and of all, a clean stop.
#include "crawler/http/http_engine.hpp"
#include "tests/support/loopback_http_server.hpp"
#include "tests/unit/crawler/http_test_helpers.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace koubei;
using http::FetchErrc;
using koubei::test::fetch;
using koubei::test::get;
using koubei::test::LoopbackHttpServer;
namespace asio = boost::asio;

namespace {

// Waits (polling every 5 ms, up to 60 s) until `done()`; the result says whether it happened.
template <class Pred>
bool eventually(Pred done) {
  for (int i = 0; i < 12000 && !done(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return done();
}

asio::awaitable<void> wait_for_requests(const LoopbackHttpServer& server, std::size_t n) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (server.requests() < n) {
    timer.expires_after(std::chrono::milliseconds(5));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace

TEST_CASE("1,000 concurrent fetches from coroutines all complete with the right bodies",
          "[http][concurrency]") {
  LoopbackHttpServer server;
  config::HttpConfig config = test::http_test_config();
  config.max_in_flight = 1000;
  http::HttpEngine engine(config);
  asio::io_context io;
  std::size_t good = 0;
  for (std::size_t i = 0; i < 1000; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          const std::size_t size = 100 + i;
          const http::Response r =
              co_await engine.fetch(get(server.url("/chunked?size=" + std::to_string(size))));
          if (r.ok() && r.body.view() == test::pattern(size)) ++good;  // one thread: no race
        },
        asio::detached);
  }
  io.run();
  CHECK(good == 1000);
  CHECK(server.requests() == 1000);
  CHECK(server.accepted_connections() > 1);  // really concurrent, not one connection in turn
  CHECK(engine.running() == 0);
}

TEST_CASE("max_in_flight bounds what runs; the rest waits in the queue", "[http][concurrency]") {
  LoopbackHttpServer server;
  config::HttpConfig config = test::http_test_config();
  config.max_in_flight = 3;
  http::HttpEngine engine(config);
  std::atomic<int> cancelled{0};
  for (int i = 0; i < 10; ++i) {
    engine.submit(get(server.url("/never")), [&](http::Response r) {
      if (r.errc() == FetchErrc::kCancelled) ++cancelled;
    });
  }
  REQUIRE(eventually([&] { return server.requests() == 3; }));
  REQUIRE(eventually([&] { return engine.queued() == 7; }));
  CHECK(engine.running() == 3);
  CHECK(server.accepted_connections() == 3);
  engine.cancel_all();
  REQUIRE(eventually([&] { return cancelled == 10; }));
  CHECK(engine.running() == 0);
  CHECK(engine.queued() == 0);
  CHECK(server.requests() == 3);  // the queued seven never reached the server
  CHECK(fetch(engine, get(server.url("/plain"))).ok());  // still usable
}

TEST_CASE("a fetch is cancelled mid-transfer through its cancellation slot",
          "[http][concurrency]") {
  using namespace asio::experimental::awaitable_operators;
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const auto outcome = test::run_coro([&]() -> asio::awaitable<int> {
    // The stall route sends headers and part of the body, then nothing: cancel it there.
    auto r = co_await (engine.fetch(get(server.url("/stall?size=100000&sent=5000"))) ||
                       wait_for_requests(server, 1));
    co_return static_cast<int>(r.index());
  }());
  CHECK(outcome == 1);
  REQUIRE(eventually([&] { return engine.running() == 0; }));
  const auto stats = engine.stats();
  CHECK(stats.at("127.0.0.1").failures[static_cast<std::size_t>(FetchErrc::kCancelled)] == 1);
}

TEST_CASE("a cancellation signal completes the awaiting coroutine with `cancelled`",
          "[http][concurrency]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  asio::io_context io;
  asio::cancellation_signal signal;
  http::Response result;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        result = co_await engine.async_fetch(
            get(server.url("/never")),
            asio::bind_cancellation_slot(signal.slot(), asio::use_awaitable));
      },
      asio::detached);
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await wait_for_requests(server, 1);
        signal.emit(asio::cancellation_type::terminal);
      },
      asio::detached);
  io.run();
  CHECK(result.errc() == FetchErrc::kCancelled);
  CHECK(result.error.where.find("/never") != std::string::npos);
}

TEST_CASE("the callback form works from other threads and cancel(id) ends one fetch",
          "[http][concurrency]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  std::promise<http::Response> never_done;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        engine.submit(get(server.url("/plain?size=10")), [&](http::Response r) {
          if (r.ok() && r.body.size() == 10) ++ok;
        });
      }
    });
  }
  for (auto& t : threads)
    t.join();
  const http::FetchId id = engine.submit(
      get(server.url("/never")), [&](http::Response r) { never_done.set_value(std::move(r)); });
  REQUIRE(eventually([&] { return ok == 100 && server.requests() == 101; }));
  engine.cancel(id);
  const http::Response r = never_done.get_future().get();
  CHECK(r.errc() == FetchErrc::kCancelled);
}

TEST_CASE("stop() completes every pending fetch with `cancelled`; later fetches fail at once",
          "[http][concurrency]") {
  LoopbackHttpServer server;
  config::HttpConfig config = test::http_test_config();
  config.max_in_flight = 2;
  auto engine = std::make_unique<http::HttpEngine>(config);
  std::atomic<int> cancelled{0};
  for (int i = 0; i < 5; ++i) {
    engine->submit(get(server.url("/never")), [&](http::Response r) {
      if (r.errc() == FetchErrc::kCancelled) ++cancelled;
    });
  }
  REQUIRE(eventually([&] { return server.requests() == 2; }));
  engine->stop();
  CHECK(cancelled == 5);
  std::promise<http::Response> late;
  engine->submit(get(server.url("/plain")),
                 [&](http::Response r) { late.set_value(std::move(r)); });
  CHECK(late.get_future().get().errc() == FetchErrc::kCancelled);
  engine.reset();  // destroying a stopped engine is fine
}
