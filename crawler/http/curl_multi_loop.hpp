#pragma once
// The libcurl multi <-> Asio bridge: one CURLM driven by curl_multi_socket_action from Asio
// readiness waits and one timer, with no polling loop.
//
// CURLMOPT_SOCKETFUNCTION maps each curl socket to a posix::stream_descriptor and keeps an
// async_wait armed for the directions curl asked for. The descriptor is release()d, never closed
// (the fd is curl's): when curl closes a socket it opened through configure()'s callbacks, or at
// CURL_POLL_REMOVE for any other socket. CURLMOPT_TIMERFUNCTION drives one steady_timer.
// After every socket_action the finished transfers are drained (curl_multi_info_read) and handed
// to on_done, which may add or remove handles.
//
// Thread safety: everything here runs on the thread that runs `io`; the object is not thread-safe.
// Lifetime: destroy it only when no easy handle is added (remove them first) and `io` is not
// running handlers for it (stopped, or on its own thread after shutdown()).

#include "crawler/http/curl_handles.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <curl/curl.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace koubei::http {

class CurlMultiLoop {
 public:
  /// Called with each finished easy handle and its result; the handle is still added.
  using DoneFn = std::function<void(CURL* easy, CURLcode result)>;

  /// Throws std::bad_alloc if curl cannot create the multi handle (start-up only).
  /// `max_idle_connections` bounds curl's connection cache (CURLMOPT_MAXCONNECTS).
  CurlMultiLoop(boost::asio::io_context& io, DoneFn on_done, long max_idle_connections);
  ~CurlMultiLoop();
  CurlMultiLoop(const CurlMultiLoop&) = delete;
  CurlMultiLoop& operator=(const CurlMultiLoop&) = delete;

  CURLMcode add(CURL* easy) { return curl_multi_add_handle(multi_.get(), easy); }

  CURLMcode remove(CURL* easy) { return curl_multi_remove_handle(multi_.get(), easy); }

  CURLM* multi() const { return multi_.get(); }

  /// Makes curl open and close `easy`'s sockets through this loop, which then keeps an idle
  /// connection's descriptor registered until curl closes it. Call before adding the handle.
  void configure(CURL* easy);

  /// Cancels every wait and closes curl's idle connections. REQUIRES: no easy handle added.
  void shutdown();

  /// Sockets curl currently asks to watch (tests observe fd hygiene with it).
  std::size_t watched_sockets() const { return sockets_.size(); }

 private:
  struct Socket {
    explicit Socket(boost::asio::io_context& io) : descriptor(io) {}

    boost::asio::posix::stream_descriptor descriptor;
    curl_socket_t fd = CURL_SOCKET_BAD;
    int what = 0;  // CURL_POLL_IN / OUT / INOUT
    bool reading = false;
    bool writing = false;
    bool closed = false;  // curl said REMOVE; pending waits must not touch curl
  };

  static int on_socket(CURL* easy, curl_socket_t fd, int what, void* userp, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* userp);
  static curl_socket_t open_socket(void* clientp, curlsocktype purpose, curl_sockaddr* address);
  static int close_socket(void* clientp, curl_socket_t fd);

  void set_timeout(long timeout_ms);
  int watch(curl_socket_t fd, int what);
  void forget(curl_socket_t fd);
  void arm(const std::shared_ptr<Socket>& s);
  void on_ready(const std::shared_ptr<Socket>& s, int direction);
  void socket_action(curl_socket_t fd, int ev_bitmask);
  void drain();

  boost::asio::io_context& io_;
  boost::asio::steady_timer timer_;
  bool timer_armed_ = false;            // a wait on timer_ is pending
  std::uint64_t timer_generation_ = 0;  // bumped on each re-arm: older waits are stale
  bool timeout_posted_ = false;         // a "timeout now" action is queued
  DoneFn on_done_;
  std::unordered_map<curl_socket_t, std::shared_ptr<Socket>> sockets_;
  std::unordered_set<curl_socket_t> opened_;  // sockets curl opened through open_socket()
  CurlMulti multi_;  // last: cleaned up first, while the maps its callbacks touch still exist
};

}  // namespace koubei::http
