#include "crawler/admin/admin_server.hpp"

#include "crawler/admin/listen_address.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <exception>
#include <set>
#include <string_view>

namespace koubei::admin {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct AdminServer::State {
  AdminServerOptions options;
  const Registry& registry;
  HealthFn health;
  tcp::endpoint bound;
  std::atomic<std::uint64_t> connections{0};
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> bad_requests{0};
  std::atomic<std::uint64_t> timeouts{0};
  std::atomic<std::uint64_t> callback_errors{0};
  std::atomic<std::uint64_t> accept_errors{0};
  std::atomic<std::size_t> active{
      0};  // sessions spawned and not yet finished (server thread writes)
  // The rest is touched on the server thread only.
  bool stopping = false;
  std::set<beast::tcp_stream*> open;  // streams of the running sessions, closed by stop()
  std::set<std::string> warned;       // degraded modes already logged once
  // Declared last, destroyed first: frames it still holds touch the members above.
  asio::io_context io{1};
  tcp::acceptor acceptor{io};

  State(AdminServerOptions o, const Registry& r, HealthFn h)
      : options(std::move(o)), registry(r), health(std::move(h)) {}

  void warn_once(const std::string& what, std::string_view detail) {
    if (warned.insert(what).second) {
      spdlog::warn(
          "admin server {}: {}{} (counted in its stats; logged once)", listen_text(), what, detail);
    }
  }

  std::string listen_text() const {
    return (bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                    : bound.address().to_string()) +
           ":" + std::to_string(bound.port());
  }
};

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view kMetricsType = "text/plain; version=0.0.4; charset=utf-8";

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response reply(unsigned version, http::status status, std::string_view type, std::string body) {
  Response res{status, version};
  res.set(http::field::server, "koubei-admin");
  res.set(http::field::content_type, type);
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response answer(const Request& req, AdminServer::State& st) {
  const std::string_view target = req.target();
  const std::string_view path = target.substr(0, target.find('?'));
  const bool metrics = path == "/metrics";
  if (!metrics && !(path == "/healthz" && st.health)) {
    return reply(req.version(), http::status::not_found, "text/plain", "not found\n");
  }
  if (req.method() != http::verb::get) {
    Response res =
        reply(req.version(), http::status::method_not_allowed, "text/plain", "use GET\n");
    res.set(http::field::allow, "GET");
    return res;
  }
  try {
    if (metrics) return reply(req.version(), http::status::ok, kMetricsType, st.registry.render());
    Health h = st.health();
    return reply(req.version(),
                 h.ok ? http::status::ok : http::status::service_unavailable,
                 "application/json",
                 std::move(h.json));
  } catch (const std::exception& e) {
    // A callback broke its contract; the scrape fails visibly, the server keeps serving.
    ++st.callback_errors;
    st.warn_once(std::string(path) + " callback threw", std::string(": ") + e.what());
    return reply(req.version(), http::status::internal_server_error, "text/plain", "error\n");
  }
}

// Limits that would make the server refuse everything.
const char* invalid_limit(const AdminServerOptions& o) {
  if (o.max_connections == 0) return "max_connections must be at least 1";
  if (o.max_header_bytes == 0) return "max_header_bytes must be at least 1";
  if (o.io_timeout <= std::chrono::milliseconds::zero()) return "io_timeout must be positive";
  return nullptr;
}

// A request Beast could not parse or that broke a size limit (not a network failure).
bool is_bad_request(const boost::system::error_code& ec) {
  static const auto& http_category = http::make_error_code(http::error::end_of_stream).category();
  return ec.category() == http_category && ec != http::error::end_of_stream;
}

// Keeps the session count and the set of open streams right however the coroutine ends.
struct SessionGuard {
  AdminServer::State& st;
  beast::tcp_stream* stream = nullptr;

  ~SessionGuard() {
    --st.active;
    if (stream) st.open.erase(stream);
  }
};

asio::awaitable<void> session(beast::tcp_stream stream, AdminServer::State& st) {
  SessionGuard guard{st};
  if (st.stopping) co_return;  // spawned just before stop(): never registered, never served
  guard.stream = &stream;
  st.open.insert(&stream);
  const AdminServerOptions& o = st.options;
  beast::flat_buffer buffer;
  for (std::size_t served = 0;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(o.max_header_bytes);
    parser.body_limit(o.max_body_bytes);
    stream.expires_after(o.io_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, kTuple);
    if (ec == beast::error::timeout) {
      // Between keep-alive requests silence is normal; before the first, or mid-request, not.
      if (served == 0 || parser.got_some()) ++st.timeouts;
      break;
    }
    if (is_bad_request(ec)) {
      ++st.bad_requests;
      st.warn_once("bad request", std::string(": ") + ec.message());
      Response bad = reply(11, http::status::bad_request, "text/plain", ec.message() + "\n");
      bad.keep_alive(false);
      stream.expires_after(o.io_timeout);
      co_await http::async_write(stream, bad, kTuple);
      break;
    }
    if (ec) break;  // closed by the client, reset, or stop()
    ++served;
    Response res = answer(parser.get(), st);
    res.keep_alive(parser.get().keep_alive() && !st.stopping &&
                   (o.max_requests_per_connection == 0 || served < o.max_requests_per_connection));
    ++st.requests;  // before the write: a client that has its answer sees it counted
    stream.expires_after(o.io_timeout);
    auto [write_ec, written] = co_await http::async_write(stream, res, kTuple);
    if (write_ec == beast::error::timeout) ++st.timeouts;
    if (write_ec || !res.keep_alive()) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(AdminServer::State& st) {
  for (;;) {
    auto [ec, socket] = co_await st.acceptor.async_accept(kTuple);
    if (st.stopping || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // EMFILE and the like repeat at once: pause so the thread does not spin.
      ++st.accept_errors;
      st.warn_once("accept failed", std::string(": ") + ec.message());
      asio::steady_timer pause(st.io, std::chrono::milliseconds(100));
      co_await pause.async_wait(kTuple);
      continue;
    }
    if (st.active >= st.options.max_connections) {
      ++st.rejected;
      st.warn_once("connection cap reached",
                   ": " + std::to_string(st.options.max_connections) + " open; closing new ones");
      boost::system::error_code ignored;
      socket.close(ignored);
      continue;
    }
    ++st.active;
    ++st.connections;
    asio::co_spawn(st.io, session(beast::tcp_stream(std::move(socket)), st), asio::detached);
  }
}

}  // namespace

AdminServer::AdminServer(AdminServerOptions options, const Registry& registry, HealthFn health)
    : state_(std::make_unique<State>(std::move(options), registry, std::move(health))) {}

Result<std::unique_ptr<AdminServer>> AdminServer::start(AdminServerOptions options,
                                                        const Registry& registry,
                                                        HealthFn health) {
  const auto endpoint = parse_listen_address(options.listen);
  if (!endpoint) return endpoint.error();
  if (const char* bad = invalid_limit(options)) {
    return Error(std::make_error_code(std::errc::invalid_argument),
                 "admin server on \"" + options.listen + "\": " + bad);
  }
  const std::string listen = options.listen;
  std::unique_ptr<AdminServer> server(
      new AdminServer(std::move(options), registry, std::move(health)));
  State& st = *server->state_;
  boost::system::error_code ec;
  st.acceptor.open(endpoint->protocol(), ec);
  if (!ec) st.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) st.acceptor.bind(*endpoint, ec);
  if (!ec) st.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) st.bound = st.acceptor.local_endpoint(ec);
  if (ec) return Error(ec, "admin server: cannot listen on \"" + listen + "\"");
  server->port_ = st.bound.port();
  if (!st.bound.address().is_loopback()) {
    spdlog::warn(
        "admin server listens on {}, not loopback: /metrics and /healthz are reachable "
        "from other hosts",
        st.listen_text());
  }
  asio::co_spawn(st.io, accept_loop(st), asio::detached);
  server->thread_ = std::thread([&st] { st.io.run(); });
  return server;
}

AdminServer::~AdminServer() {
  stop();
}

std::string AdminServer::address() const {
  return state_->listen_text();
}

AdminServerStats AdminServer::stats() const {
  const State& st = *state_;
  return {st.connections.load(),
          st.rejected.load(),
          st.requests.load(),
          st.bad_requests.load(),
          st.timeouts.load(),
          st.callback_errors.load(),
          st.accept_errors.load(),
          st.active.load()};
}

void AdminServer::stop() {
  const std::lock_guard lock(stop_mutex_);
  if (!thread_.joinable()) return;
  State& st = *state_;
  asio::post(st.io, [&st] {
    st.stopping = true;
    boost::system::error_code ignored;
    st.acceptor.close(ignored);
    for (beast::tcp_stream* stream : st.open)
      stream->socket().close(ignored);
  });
  // Every coroutine now sees operation_aborted and ends, so run() runs out of work and returns.
  thread_.join();
}

}  // namespace koubei::admin
