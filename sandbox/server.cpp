#include "sandbox/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <chrono>
#include <thread>
#include <vector>

namespace koubei::sandbox {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

Request to_request(const http::request<http::string_body>& msg, const std::string& peer) {
  Request r;
  r.method = std::string(msg.method_string());
  const std::string_view target = msg.target();
  const std::size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  r.body = msg.body();
  r.peer_ip = peer;
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  return r;
}

http::response<http::string_body> to_message(Response&& r, unsigned version, bool keep_alive) {
  http::response<http::string_body> msg{static_cast<http::status>(r.status), version};
  msg.set(http::field::server, "koubei-sandbox");
  msg.set(http::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) msg.set(k, v);
  msg.body() = std::move(r.body);
  msg.keep_alive(keep_alive);
  msg.prepare_payload();
  return msg;
}

asio::awaitable<void> session(tcp::socket socket, Router& router, ServerLimits limits) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  const auto remote = stream.socket().remote_endpoint(ec);
  const std::string peer = ec ? std::string() : remote.address().to_string();
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(limits.max_body);
    stream.expires_after(std::chrono::milliseconds(limits.idle_timeout_ms));
    auto [read_ec, n] = co_await http::async_read(stream, buffer, parser, kTuple);
    if (read_ec) break;  // closed, timed out or malformed: drop the connection
    const auto& msg = parser.get();
    Response r = router.handle(to_request(msg, peer));
    if (r.reset) {
      stream.socket().set_option(tcp::socket::linger(true, 0), ec);
      stream.socket().close(ec);
      co_return;
    }
    if (r.delay_ms > 0) {
      asio::steady_timer timer(stream.get_executor(), std::chrono::milliseconds(r.delay_ms));
      co_await timer.async_wait(kTuple);
    }
    if (r.truncate) {
      // The full Content-Length, half the body, then the connection drops: a transfer cut short.
      auto out = to_message(std::move(r), msg.version(), false);
      std::string wire;
      wire.reserve(out.body().size() + 256);
      wire += "HTTP/1.1 " + std::to_string(out.result_int()) + " " + std::string(out.reason()) + "\r\n";
      for (const auto& f : out) wire += std::string(f.name_string()) + ": " + std::string(f.value()) + "\r\n";
      wire += "\r\n";
      wire.append(out.body(), 0, out.body().size() / 2);
      co_await asio::async_write(stream.socket(), asio::buffer(wire), kTuple);
      stream.socket().close(ec);
      co_return;
    }
    const bool keep = msg.keep_alive();
    auto out = to_message(std::move(r), msg.version(), keep);
    auto [write_ec, w] = co_await http::async_write(stream, out, kTuple);
    if (write_ec || !keep) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, Router& router, ServerLimits limits) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket), router, limits), asio::detached);
  }
}

}  // namespace

Server::Server(Router& router, const std::string& host, std::uint16_t port, ServerLimits limits)
    : router_(router), limits_(limits), acceptor_(io_) {
  const tcp::endpoint ep(asio::ip::make_address(host), port);
  acceptor_.open(ep.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(ep);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
}

void Server::run(unsigned threads) {
  asio::co_spawn(io_, accept_loop(acceptor_, router_, limits_), asio::detached);
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& t : pool) t.join();
}

void Server::stop() {
  asio::post(io_, [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
    io_.stop();
  });
}

}  // namespace koubei::sandbox
