#include "tests/support/loopback_http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <charconv>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

namespace koubei::test {

struct LoopbackHttpServer::Shared {
  struct FixedRoute {
    std::string body;
    std::string content_type;
  };

  std::uint16_t port = 0;
  std::atomic<std::size_t> accepted{0};
  std::atomic<std::size_t> requests{0};
  mutable std::mutex routes_mutex;
  std::map<std::string, FixedRoute> routes;  // GUARDED_BY(routes_mutex)

  std::optional<FixedRoute> fixed(const std::string& path) const {
    const std::lock_guard lock(routes_mutex);
    const auto it = routes.find(path);
    if (it == routes.end()) return std::nullopt;
    return it->second;
  }
};

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::optional<std::string> param(std::string_view target, std::string_view name) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view kv = rest.substr(0, amp);
    const auto eq = kv.find('=');
    if (kv.substr(0, eq) == name) {
      return std::string(eq == std::string_view::npos ? std::string_view() : kv.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::size_t size_param(std::string_view target, std::string_view name, std::size_t fallback) {
  const auto v = param(target, name);
  std::size_t n = fallback;
  if (v) std::from_chars(v->data(), v->data() + v->size(), n);
  return n;
}

using Response = http::response<http::string_body>;

Response reply(const http::request<http::string_body>& req, http::status status, std::string body) {
  Response res{status, req.version()};
  res.keep_alive(req.keep_alive());
  res.set(http::field::content_type, "text/plain");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response redirect(const http::request<http::string_body>& req,
                  http::status status,
                  const std::string& location) {
  Response res = reply(req, status, "");
  res.set(http::field::location, location);
  return res;
}

asio::awaitable<void> hold_forever() {
  asio::steady_timer forever(co_await asio::this_coro::executor,
                             asio::steady_timer::time_point::max());
  co_await forever.async_wait(kTuple);
}

asio::awaitable<void> write_chunked(tcp::socket& sock,
                                    const http::request<http::string_body>& req,
                                    const std::string& body,
                                    std::string_view encoding = {}) {
  http::response<http::empty_body> res{http::status::ok, req.version()};
  res.chunked(true);
  if (!encoding.empty()) res.set(http::field::content_encoding, encoding);
  res.keep_alive(req.keep_alive());
  http::response_serializer<http::empty_body> sr{res};
  auto [ec, n] = co_await http::async_write_header(sock, sr, kTuple);
  if (ec) co_return;
  for (std::size_t at = 0; at < body.size(); at += 1000) {
    const std::string_view part = std::string_view(body).substr(at, 1000);
    auto [wec, wn] = co_await asio::async_write(
        sock, http::make_chunk(asio::buffer(part.data(), part.size())), kTuple);
    if (wec) co_return;
  }
  co_await asio::async_write(sock, http::make_chunk_last(), kTuple);
}

// Serves one connection until the client closes it or a route ends it.
asio::awaitable<void> session(tcp::socket sock, LoopbackHttpServer::Shared& state) {
  const std::uint16_t port = state.port;
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    auto [ec, n] = co_await http::async_read(sock, buffer, req, kTuple);
    if (ec) co_return;
    ++state.requests;
    const std::string target(req.target());
    const std::string path = target.substr(0, target.find('?'));
    Response res;
    if (const auto route = state.fixed(path)) {
      res = reply(req, http::status::ok, route->body);
      res.set(http::field::content_type, route->content_type);
    } else if (target.starts_with("http://") || target.starts_with("https://")) {
      res = reply(req, http::status::ok, "proxied " + target);
    } else if (path == "/plain") {
      res = reply(req,
                  http::status::ok,
                  param(target, "size") ? pattern(size_param(target, "size", 0)) : "hello");
    } else if (path == "/echo") {
      const auto field = [&](http::field f) {
        return std::string(req[f]);
      };
      res = reply(req,
                  http::status::ok,
                  "method=" + std::string(req.method_string()) +
                      "\ncookie=" + field(http::field::cookie) + "\nbody=" + req.body() +
                      "\nuser-agent=" + field(http::field::user_agent) +
                      "\nx-test=" + std::string(req["X-Test"]) + "\n");
    } else if (path == "/gzip" || path == "/gzip-noise" || path == "/bomb") {
      const std::size_t size = size_param(target, "size", 1000);
      res = reply(req,
                  http::status::ok,
                  gzip(path == "/gzip"   ? pattern(size)
                       : path == "/bomb" ? std::string(size, '\0')
                                         : noise(size)));
      res.set(http::field::content_encoding, "gzip");
    } else if (path == "/chunked" || path == "/big-chunked" || path == "/gzip-noise-chunked") {
      const std::size_t size = size_param(target, "size", 5000);
      if (path == "/gzip-noise-chunked") {
        co_await write_chunked(sock, req, gzip(noise(size)), "gzip");
      } else {
        co_await write_chunked(sock, req, pattern(size));
      }
      if (!req.keep_alive()) co_return;
      continue;
    } else if (path == "/redirect") {
      const std::size_t left = size_param(target, "n", 0);
      res = left == 0
                ? reply(req, http::status::ok, "arrived")
                : redirect(req, http::status::found, "/redirect?n=" + std::to_string(left - 1));
    } else if (path == "/loop/a" || path == "/loop/b") {
      res = redirect(req, http::status::found, path == "/loop/a" ? "/loop/b" : "/loop/a");
    } else if (path == "/cross") {
      res =
          redirect(req, http::status::found, "http://localhost:" + std::to_string(port) + "/plain");
    } else if (path == "/see-other") {
      res = redirect(req, http::status::see_other, "/echo");
    } else if (path == "/set-cookie-redirect") {
      res = redirect(req, http::status::found, "/echo");
      res.set(http::field::set_cookie, "session=" + param(target, "v").value_or("x") + "; Path=/");
    } else if (path == "/set-cookie") {
      res = reply(req, http::status::ok, "set");
      res.set(http::field::set_cookie, "session=" + param(target, "v").value_or("x") + "; Path=/");
    } else if (path == "/never") {
      co_await hold_forever();
      co_return;
    } else if (path == "/stall") {
      const std::string head =
          "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(size_param(target, "size", 1000)) +
          "\r\n\r\n" + pattern(size_param(target, "sent", 10));
      co_await asio::async_write(sock, asio::buffer(head), kTuple);
      co_await hold_forever();
      co_return;
    } else if (path == "/reset") {
      const linger l{1, 0};  // close() sends RST instead of FIN
      ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_LINGER, &l, sizeof l);
      boost::system::error_code ignored;
      sock.close(ignored);
      co_return;
    } else if (path == "/big") {
      res = reply(req, http::status::ok, pattern(size_param(target, "size", 1000)));
    } else {
      res = reply(req, http::status::not_found, "no route " + path);
    }
    auto [wec, wn] = co_await http::async_write(sock, res, kTuple);
    if (wec || !res.keep_alive()) co_return;
  }
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, LoopbackHttpServer::Shared& state) {
  for (;;) {
    auto [ec, sock] = co_await acceptor.async_accept(kTuple);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;  // EMFILE and the like: keep serving
    ++state.accepted;
    asio::co_spawn(acceptor.get_executor(), session(std::move(sock), state), asio::detached);
  }
}

}  // namespace

std::string pattern(std::size_t n) {
  std::string s(n, 'a');
  for (std::size_t i = 0; i < n; ++i)
    s[i] = static_cast<char>('a' + i % 26);
  return s;
}

std::string noise(std::size_t n) {
  std::string s(n, '\0');
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (auto& c : s) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;  // an LCG: fixed, incompressible
    c = static_cast<char>(x >> 56);
  }
  return s;
}

std::string gzip(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

LoopbackHttpServer::LoopbackHttpServer() : acceptor_(io_) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  shared_ = std::make_unique<Shared>();
  shared_->port = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(acceptor_, *shared_), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  asio::post(io_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  });
  io_.stop();
  thread_.join();
  // Sessions still suspended (/never, /stall, idle keep-alive) are destroyed with io_, which
  // closes their sockets.
}

std::string LoopbackHttpServer::url(std::string_view path_and_query) const {
  return "http://127.0.0.1:" + std::to_string(port()) + std::string(path_and_query);
}

std::uint16_t LoopbackHttpServer::port() const {
  return shared_->port;
}

std::size_t LoopbackHttpServer::accepted_connections() const {
  return shared_->accepted.load();
}

std::size_t LoopbackHttpServer::requests() const {
  return shared_->requests.load();
}

void LoopbackHttpServer::add_route(std::string path, std::string body, std::string content_type) {
  const std::lock_guard lock(shared_->routes_mutex);
  shared_->routes[std::move(path)] = Shared::FixedRoute{std::move(body), std::move(content_type)};
}

BlackholeListener::BlackholeListener() {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(listener_, 0) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return;
  }
  port_ = ntohs(addr.sin_port);
  // Fill the accept queue; the first connect that does not complete proves SYNs are now dropped.
  for (int i = 0; i < 16 && !ok_; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    fillers_.push_back(fd);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) continue;
    pollfd p{fd, POLLOUT, 0};
    ok_ = ::poll(&p, 1, 500) == 0;  // still connecting after 0.5 s: the SYN was dropped
  }
}

BlackholeListener::~BlackholeListener() {
  for (const int fd : fillers_)
    ::close(fd);
  if (listener_ >= 0) ::close(listener_);
}

std::size_t open_fd_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
    ++n;
  return n;
}

}  // namespace koubei::test
