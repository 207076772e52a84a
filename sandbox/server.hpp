#pragma once
// The sandbox's HTTP/1.1 server (Boost.Beast, C++20 coroutines): keep-alive, one coroutine per
// connection, `threads` threads on one io_context. Every request goes to the Router; a Response
// with `reset` closes the connection with an RST, one with a delay is answered after a timer.
//
// Lifetime: construct (binds; port 0 picks a free port, see port()), run() blocks until stop()
// (thread-safe, also from a signal handler set up by the caller through io()).

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <string>

#include "sandbox/router.hpp"

namespace koubei::sandbox {

struct ServerLimits {
  std::uint64_t max_body = 1 << 20;   ///< request bodies above this are refused (413)
  std::uint32_t idle_timeout_ms = 60000;
};

class Server {
 public:
  /// Throws boost::system::system_error when the address cannot be bound (start-up only).
  Server(Router& router, const std::string& host, std::uint16_t port, ServerLimits limits = {});

  std::uint16_t port() const { return port_; }
  boost::asio::io_context& io() { return io_; }

  /// Serves on `threads` threads (the caller's included) until stop().
  void run(unsigned threads);
  void stop();

 private:
  Router& router_;
  ServerLimits limits_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
};

}  // namespace koubei::sandbox
