#pragma once
// A small HTTP/1.1 server on 127.0.0.1, port 0, on its own thread, for the HTTP engine's tests.
// Every route is a behaviour a crawler meets in the wild (query parameters in brackets):
//
//   /plain[?size=N]        N bytes of a known pattern (pattern(N)); "hello" without size
//   /echo                  "method=…\ncookie=…\nbody=…\nuser-agent=…\nx-test=…\n" of the request
//   /gzip?size=N           pattern(N), Content-Encoding: gzip
//   /gzip-noise?size=N     noise(N) gzipped (incompressible: as many bytes on the wire);
//                          /gzip-noise-chunked?size=N the same without Content-Length
//   /chunked?size=N        pattern(N), Transfer-Encoding: chunked, in 1000-byte chunks
//   /redirect?n=K          302 (relative Location) to n=K-1 … n=0 answers 200 "arrived"
//   /loop/a, /loop/b       302 to each other
//   /cross                 302 to http://localhost:PORT/plain (another site)
//   /see-other             303 to /echo
//   /set-cookie?v=X        200 with Set-Cookie: session=X
//   /set-cookie-redirect?v=X  302 to /echo with Set-Cookie: session=X
//   /never                 reads the request, never answers
//   /stall?size=N&sent=M   headers for N bytes, sends M, then nothing
//   /reset                 reads the request, closes with SO_LINGER 0 (RST)
//   /big?size=N            N bytes with Content-Length; /big-chunked?size=N without it
//   /bomb?size=N           gzip of N zero bytes (a decompression bomb)
//   absolute-form target   (a proxied request) 200 "proxied <target>"
//   add_route(path, body)  200 with a fixed body (fixtures), registered before requests
//
// accepted_connections() counts TCP connections (reuse is visible), requests() counts requests.
// Thread safety: the counters and url() may be read from any thread. Connections left hanging
// (/never, /stall) are closed when the server is destroyed.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace koubei::test {

class LoopbackHttpServer {
 public:
  LoopbackHttpServer();
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  std::uint16_t port() const;
  /// "http://127.0.0.1:PORT" + path_and_query.
  std::string url(std::string_view path_and_query) const;
  std::size_t accepted_connections() const;
  std::size_t requests() const;

  /// Serves `body` at `path` (exact match) with `content_type`. Call before requesting it.
  void add_route(std::string path, std::string body, std::string content_type = "application/json");

  /// What the connections share with the server object (defined in the .cpp).
  struct Shared;

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::unique_ptr<Shared> shared_;
  std::thread thread_;
};

/// The body /plain, /gzip, /chunked and /big serve for size n: bytes 'a'..'z' repeating.
std::string pattern(std::size_t n);

/// N pseudo-random bytes, always the same for the same N.
std::string noise(std::size_t n);

/// gzip (RFC 1952) of `data`, as the server sends it.
std::string gzip(std::string_view data);

/// A loopback port where TCP connects never complete: a listener whose accept queue is full and
/// never drained, so the kernel drops further SYNs. Connect timeouts are tested against it.
class BlackholeListener {
 public:
  BlackholeListener();
  ~BlackholeListener();
  BlackholeListener(const BlackholeListener&) = delete;
  BlackholeListener& operator=(const BlackholeListener&) = delete;

  std::uint16_t port() const { return port_; }

  /// False if the kernel kept accepting (the blackhole could not be made).
  bool ok() const { return ok_; }

 private:
  int listener_ = -1;
  std::vector<int> fillers_;
  std::uint16_t port_ = 0;
  bool ok_ = false;
};

/// Open file descriptors of this process (/proc/self/fd entries).
std::size_t open_fd_count();

}  // namespace koubei::test
