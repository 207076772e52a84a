// The admin server on 127.0.0.1 port 0, driven by a raw Beast client: /metrics and /healthz
// answers, 404/405/400, the connection cap, the read timeout, keep-alive, refusing bad or busy
// addresses, and stop() while clients are connected. Waits poll the server's own counters with a
// generous deadline; nothing asserts on time.
#include "crawler/admin/admin_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

using namespace koubei;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Reply {
  unsigned status = 0;
  std::string content_type;
  std::string allow;
  std::string body;
  bool keep_alive = false;
};

// One blocking HTTP/1.1 client connection to the server.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  Reply request(http::verb method, std::string target) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(socket_, req);
    return read_reply();
  }

  void send_raw(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  Reply read_reply() {
    http::response<http::string_body> res;
    http::read(socket_, buffer_, res);
    return {res.result_int(),
            std::string(res[http::field::content_type]),
            std::string(res[http::field::allow]),
            res.body(),
            res.keep_alive()};
  }

  /// True when the server closed the connection (EOF or reset) instead of sending anything.
  bool closed_by_server() {
    char byte = 0;
    boost::system::error_code ec;
    asio::read(socket_, asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

Reply get(std::uint16_t port, std::string target, http::verb method = http::verb::get) {
  return Client(port).request(method, std::move(target));
}

// Polls `done` until it holds; fails the test after a minute (a loaded 2-core machine).
void wait_until(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) FAIL("condition not reached in a minute");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

admin::AdminServerOptions loopback() {
  return {.listen = "127.0.0.1:0"};  // as the README shows it
}

std::unique_ptr<admin::AdminServer> start(const admin::Registry& reg,
                                          admin::HealthFn health = {},
                                          admin::AdminServerOptions o = loopback()) {
  auto server = admin::AdminServer::start(std::move(o), reg, std::move(health));
  REQUIRE(server.has_value());
  return std::move(*server);
}

}  // namespace

TEST_CASE("GET /metrics answers the registry in the Prometheus text format", "[admin][server]") {
  admin::Registry reg;
  reg.counter("koubei_requests_total", "Requests sent", {{"platform", "weibo"}}).inc(7);
  reg.histogram("koubei_fetch_seconds", "Fetch time", {0.1, 1}).observe(0.5);
  const auto server = start(reg);
  CHECK(server->port() != 0);
  CHECK(server->address() == "127.0.0.1:" + std::to_string(server->port()));

  const Reply r = get(server->port(), "/metrics");
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(r.body == reg.render());
  CHECK(r.body.find("koubei_requests_total{platform=\"weibo\"} 7\n") != std::string::npos);
  CHECK(get(server->port(), "/metrics?x=1").status == 200);  // a query string is ignored
}

TEST_CASE("GET /healthz answers the callback's JSON, 200 when ok and 503 when not",
          "[admin][server]") {
  admin::Registry reg;
  std::atomic<bool> ok{true};
  const auto server = start(reg, [&] {
    return admin::Health{ok.load(), ok ? R"({"status":"ok"})" : R"({"status":"redis down"})"};
  });
  Reply r = get(server->port(), "/healthz");
  CHECK(r.status == 200);
  CHECK(r.content_type == "application/json");
  CHECK(r.body == R"({"status":"ok"})");
  ok = false;
  r = get(server->port(), "/healthz");
  CHECK(r.status == 503);
  CHECK(r.body == R"({"status":"redis down"})");
}

TEST_CASE("unknown paths answer 404, other methods 405 with Allow: GET", "[admin][server]") {
  admin::Registry reg;
  const auto server = start(reg);  // no health callback: /healthz is not routed
  CHECK(get(server->port(), "/").status == 404);
  CHECK(get(server->port(), "/metricsx").status == 404);
  CHECK(get(server->port(), "/healthz").status == 404);
  const Reply post = get(server->port(), "/metrics", http::verb::post);
  CHECK(post.status == 405);
  CHECK(post.allow == "GET");
  CHECK(get(server->port(), "/metrics", http::verb::delete_).status == 405);
  CHECK(get(server->port(), "/nothing", http::verb::post).status == 404);
  CHECK(server->stats().requests == 6);
}

TEST_CASE("a callback that throws answers 500 and the server keeps serving", "[admin][server]") {
  admin::Registry reg;
  reg.gauge_fn("broken", "throws", {}, []() -> double { throw std::runtime_error("boom"); });
  const auto server = start(reg, []() -> admin::Health { throw std::runtime_error("boom"); });
  CHECK(get(server->port(), "/metrics").status == 500);
  CHECK(get(server->port(), "/healthz").status == 500);
  CHECK(server->stats().callback_errors == 2);
}

TEST_CASE("keep-alive serves several requests on one connection", "[admin][server]") {
  admin::Registry reg;
  admin::AdminServerOptions o = loopback();
  o.max_requests_per_connection = 3;
  const auto server = start(
      reg,
      [] {
        return admin::Health{true, "{}"};
      },
      o);
  Client c(server->port());
  CHECK(c.request(http::verb::get, "/metrics").keep_alive);
  CHECK(c.request(http::verb::get, "/healthz").keep_alive);
  const Reply last = c.request(http::verb::get, "/metrics");
  CHECK(last.status == 200);
  CHECK_FALSE(last.keep_alive);  // the third of at most 3
  CHECK(c.closed_by_server());
  CHECK(server->stats().connections == 1);
  CHECK(server->stats().requests == 3);
}

TEST_CASE("oversized or malformed requests answer 400 and close", "[admin][server]") {
  admin::Registry reg;
  admin::AdminServerOptions o = loopback();
  o.max_header_bytes = 512;
  const auto server = start(reg, {}, o);
  {
    Client c(server->port());
    c.send_raw("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n");
    CHECK(c.read_reply().status == 400);
    CHECK(c.closed_by_server());
  }
  {
    Client c(server->port());
    c.send_raw("NOT HTTP AT ALL\r\n\r\n");
    CHECK(c.read_reply().status == 400);
  }
  CHECK(server->stats().bad_requests == 2);
  CHECK(get(server->port(), "/metrics").status == 200);
}

TEST_CASE("connections over the cap are closed on accept and counted", "[admin][server]") {
  admin::Registry reg;
  admin::AdminServerOptions o = loopback();
  o.max_connections = 1;
  const auto server = start(reg, {}, o);
  Client first(server->port());
  wait_until([&] { return server->stats().connections == 1; });
  Client second(server->port());
  CHECK(second.closed_by_server());
  CHECK(server->stats().rejected_connections == 1);
  CHECK(first.request(http::verb::get, "/metrics").status == 200);  // the first is still served
}

TEST_CASE("connections that stall are dropped after the read timeout", "[admin][server]") {
  admin::Registry reg;
  admin::AdminServerOptions o = loopback();
  // Long enough for `kept` to be answered on a loaded machine.
  o.io_timeout = std::chrono::seconds(2);
  const auto server = start(reg, {}, o);
  Client silent(server->port());
  Client stalled(server->port());
  stalled.send_raw("GET /metrics HTTP/1.1\r\nHost:");
  Client kept(server->port());
  CHECK(kept.request(http::verb::get, "/metrics").keep_alive);
  CHECK(silent.closed_by_server());
  CHECK(stalled.closed_by_server());
  CHECK(kept.closed_by_server());
  // The silent and the stalled one; a keep-alive connection idle after a request is normal.
  // (The stream closes the socket when its timer fires, before the session counts: wait for
  // every session to end.)
  wait_until([&] { return server->stats().open_connections == 0; });
  CHECK(server->stats().timeouts == 2);
}

TEST_CASE("stop() closes connected clients at once, is idempotent, and the port is freed",
          "[admin][server]") {
  admin::Registry reg;
  admin::AdminServerOptions o = loopback();
  o.io_timeout = std::chrono::hours(1);  // stop() must not wait for it
  auto server = start(reg, {}, o);
  const std::uint16_t port = server->port();
  Client idle(port);
  Client partial(port);
  partial.send_raw("GET /metr");
  wait_until([&] { return server->stats().connections == 2; });
  server->stop();
  CHECK(idle.closed_by_server());
  CHECK(partial.closed_by_server());
  server->stop();
  server.reset();  // the destructor stops again: a no-op

  admin::AdminServerOptions same;
  same.listen = "127.0.0.1:" + std::to_string(port);
  CHECK(admin::AdminServer::start(same, reg, {}).has_value());  // the listener was closed
}

TEST_CASE("start refuses a bad or busy address with an error that says which and why",
          "[admin][server]") {
  admin::Registry reg;
  admin::AdminServerOptions o;
  o.listen = "localhost";
  auto r = admin::AdminServer::start(o, reg, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message().find("\"localhost\"") != std::string::npos);
  CHECK(r.error().message().find("HOST:PORT") != std::string::npos);

  o.listen = "metrics.example.com:9464";
  CHECK_FALSE(admin::AdminServer::start(o, reg, {}).has_value());

  o = loopback();
  o.max_connections = 0;
  r = admin::AdminServer::start(o, reg, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message().find("max_connections") != std::string::npos);
  o = loopback();
  o.io_timeout = std::chrono::milliseconds(0);
  CHECK_FALSE(admin::AdminServer::start(o, reg, {}).has_value());

  const auto running = start(reg);
  o = loopback();
  o.listen = running->address();
  r = admin::AdminServer::start(o, reg, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == std::errc::address_in_use);
  CHECK(r.error().message().find(running->address()) != std::string::npos);
}
