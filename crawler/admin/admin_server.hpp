#pragma once
// AdminServer: the daemon's operator endpoint, a small HTTP/1.1 server (Boost.Beast) on its own
// thread and io_context, loopback by default.
//
//   GET /metrics  200 text/plain; version=0.0.4   body: registry.render()
//   GET /healthz  200 (ok) or 503 (not ok)        body: the health callback's JSON
//   other paths   404;  other methods  405 (Allow: GET);  malformed or oversized request  400
//
//   auto server = admin::AdminServer::start({.listen = cfg.daemon.metrics_listen}, registry,
//                                           [&] { return daemon.health(); });
//   if (!server) { log(server.error().message()); return kExitConfig; }  // bad or busy address
//   (*server)->port();                                                   // the bound port
//
// Bounds: request header bytes (max_header_bytes), one timeout per request read and per response
// write (io_timeout), at most max_connections connections at once (more are closed on accept and
// counted), max_requests_per_connection on a keep-alive connection. Every failure is counted in
// stats() and logged once at warn.
// Thread safety: start(), port(), address(), stats() and stop() may be called from any thread;
// the registry render and the health callback run on the server's thread, one request at a time,
// so a slow callback delays the next scrape, nothing else. REQUIRES: the registry and whatever
// the callbacks read outlive the server (or stop() is called first); stop() is not called from a
// callback. stop() is idempotent, closes the listener and every open connection and joins the
// thread; the destructor calls it.
// Secrets: everything here is published to whoever can connect. The registry's labels and the
// health JSON must never carry a cookie, token, password or URL with credentials: that is the
// caller's duty (config::redact_url, account names rather than account cookies).

#include "config/error.hpp"
#include "crawler/admin/metrics.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace koubei::admin {

/// What /healthz answers: `ok` picks 200 or 503, `json` is the body (a JSON object).
struct Health {
  bool ok = true;
  std::string json;
};

using HealthFn = std::function<Health()>;

struct AdminServerOptions {
  /// HOST:PORT (listen_address.hpp). Port 0 picks a free port (see AdminServer::port()).
  std::string listen = "127.0.0.1:9464";
  /// Connections served at once; further ones are closed as soon as they are accepted.
  std::size_t max_connections = 16;
  /// Request line plus headers, in bytes; a larger request is answered 400 and closed.
  std::uint32_t max_header_bytes = 8 * 1024;
  /// Request bodies (the endpoints take none) larger than this are answered 400 and closed.
  std::uint32_t max_body_bytes = 1024;
  /// Reading one request (idle keep-alive time included) and writing one response.
  std::chrono::milliseconds io_timeout{10000};
  /// Requests answered on one keep-alive connection before it is closed (0 = no limit).
  std::size_t max_requests_per_connection = 1000;
};

/// Counts since start (any thread; each is read atomically on its own).
struct AdminServerStats {
  std::uint64_t connections = 0;           ///< accepted and served
  std::uint64_t rejected_connections = 0;  ///< closed on accept: max_connections reached
  std::uint64_t requests = 0;              ///< answered, whatever the status
  std::uint64_t bad_requests = 0;          ///< malformed or over a size limit (400)
  /// io_timeout expired before a first request, mid-request or mid-response (not while a
  /// keep-alive connection idles between requests)
  std::uint64_t timeouts = 0;
  std::uint64_t callback_errors = 0;   ///< render or health callback threw (answered 500)
  std::uint64_t accept_errors = 0;     ///< accept() failed (EMFILE…); retried after 100 ms
  std::uint64_t open_connections = 0;  ///< now, not cumulative
};

class AdminServer {
 public:
  /// Binds and starts serving. The error says which address and why (not HOST:PORT, not an IP
  /// address, already in use, permission denied). An empty `health` leaves /healthz unrouted
  /// (404). A listen address other than loopback is logged at warn: it publishes to the network.
  static Result<std::unique_ptr<AdminServer>> start(AdminServerOptions options,
                                                    const Registry& registry,
                                                    HealthFn health);

  ~AdminServer();
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  std::uint16_t port() const { return port_; }

  /// "127.0.0.1:PORT" / "[::1]:PORT": where it listens, with the bound port.
  std::string address() const;
  AdminServerStats stats() const;
  void stop();

  struct State;  // shared with the connection coroutines (admin_server.cpp)

 private:
  AdminServer(AdminServerOptions options, const Registry& registry, HealthFn health);
  Result<void> listen_and_run();

  std::unique_ptr<State> state_;  // declared first: outlives the io_context's coroutine frames
  std::uint16_t port_ = 0;
  std::mutex stop_mutex_;
  std::thread thread_;  // GUARDED_BY(stop_mutex_) for join
};

}  // namespace koubei::admin
