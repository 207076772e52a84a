#include "crawler/http/curl_multi_loop.hpp"

#include <boost/asio/post.hpp>

#include <chrono>
#include <new>
#include <utility>

#include <sys/socket.h>
#include <unistd.h>

namespace koubei::http {

namespace asio = boost::asio;

CurlMultiLoop::CurlMultiLoop(asio::io_context& io, DoneFn on_done, long max_idle_connections)
    : io_(io), timer_(io), on_done_(std::move(on_done)), multi_(curl_multi_init()) {
  if (!multi_) throw std::bad_alloc();
  curl_multi_setopt(multi_.get(), CURLMOPT_SOCKETFUNCTION, &CurlMultiLoop::on_socket);
  curl_multi_setopt(multi_.get(), CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_.get(), CURLMOPT_TIMERFUNCTION, &CurlMultiLoop::on_timer);
  curl_multi_setopt(multi_.get(), CURLMOPT_TIMERDATA, this);
  // HTTP/2 streams share one connection per host when the server offers it.
  curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // curl's default (4 x the handles added *at that moment*) shrinks whenever transfers finish
  // together, and then it closes connections it will reopen a moment later.
  curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS, max_idle_connections);
}

CurlMultiLoop::~CurlMultiLoop() {
  shutdown();
}

void CurlMultiLoop::shutdown() {
  if (!multi_) return;
  // curl_multi_cleanup closes the cached connections and reports each socket REMOVE.
  multi_.reset();
  for (auto& [fd, s] : sockets_) {
    s->closed = true;
    boost::system::error_code ignored;
    s->descriptor.cancel(ignored);
    s->descriptor.release();
  }
  sockets_.clear();
  ++timer_generation_;
  timer_armed_ = false;
  timer_.cancel();
}

int CurlMultiLoop::on_socket(CURL*, curl_socket_t fd, int what, void* userp, void*) {
  auto* self = static_cast<CurlMultiLoop*>(userp);
  if (what != CURL_POLL_REMOVE) return self->watch(fd, what);
  if (self->opened_.count(fd) != 0) {
    // A connection going idle in curl's cache: keep its descriptor registered (no epoll_ctl
    // DEL now and ADD on reuse); close_socket() retires it when curl really closes it.
    if (const auto it = self->sockets_.find(fd); it != self->sockets_.end()) it->second->what = 0;
  } else {
    self->forget(fd);  // a socket curl closes itself (the resolver's): retire it now
  }
  return 0;
}

void CurlMultiLoop::configure(CURL* easy) {
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &CurlMultiLoop::open_socket);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &CurlMultiLoop::close_socket);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
}

curl_socket_t CurlMultiLoop::open_socket(void* clientp, curlsocktype, curl_sockaddr* address) {
  auto* self = static_cast<CurlMultiLoop*>(clientp);
  const int fd = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (fd < 0) return CURL_SOCKET_BAD;
  self->opened_.insert(fd);
  return fd;
}

int CurlMultiLoop::close_socket(void* clientp, curl_socket_t fd) {
  auto* self = static_cast<CurlMultiLoop*>(clientp);
  self->forget(fd);
  self->opened_.erase(fd);
  return ::close(fd);
}

int CurlMultiLoop::on_timer(CURLM*, long timeout_ms, void* userp) {
  static_cast<CurlMultiLoop*>(userp)->set_timeout(timeout_ms);
  return 0;
}

void CurlMultiLoop::set_timeout(long timeout_ms) {
  // curl re-states its timeout on nearly every call; re-arming a steady_timer each time costs a
  // timerfd_settime syscall (a third of the CPU in the benchmark). A timer that fires early is
  // harmless (curl runs its expired timers, finds none, and states the rest), so the armed one is
  // kept unless the new deadline is earlier, and a stale one is left to fire instead of cancelled.
  if (timeout_ms < 0) return;
  if (timeout_ms == 0) {
    // "Now": no timer at all, and never socket_action from inside this callback (curl forbids it).
    if (timeout_posted_) return;
    timeout_posted_ = true;
    asio::post(io_, [this] {
      timeout_posted_ = false;
      socket_action(CURL_SOCKET_TIMEOUT, 0);
    });
    return;
  }
  const auto deadline =
      asio::steady_timer::clock_type::now() + std::chrono::milliseconds(timeout_ms);
  if (timer_armed_ && timer_.expiry() <= deadline) return;
  timer_armed_ = true;
  timer_.expires_at(deadline);  // cancels the later wait, whose handler sees a stale generation
  timer_.async_wait([this, generation = ++timer_generation_](const boost::system::error_code& ec) {
    if (generation != timer_generation_) return;
    timer_armed_ = false;
    if (!ec) socket_action(CURL_SOCKET_TIMEOUT, 0);
  });
}

int CurlMultiLoop::watch(curl_socket_t fd, int what) {
  auto it = sockets_.find(fd);
  if (it == sockets_.end()) {
    auto s = std::make_shared<Socket>(io_);
    boost::system::error_code ec;
    s->descriptor.assign(fd, ec);
    if (ec) return -1;  // curl fails the transfer (CURLM_ABORTED_BY_CALLBACK)
    s->fd = fd;
    it = sockets_.emplace(fd, std::move(s)).first;
  }
  it->second->what = what;
  arm(it->second);
  return 0;
}

void CurlMultiLoop::forget(curl_socket_t fd) {
  const auto it = sockets_.find(fd);
  if (it == sockets_.end()) return;
  const std::shared_ptr<Socket> s = it->second;
  sockets_.erase(it);
  s->closed = true;
  boost::system::error_code ignored;
  s->descriptor.cancel(ignored);
  // Not close(): the fd is curl's, and curl closes it right after this callback.
  s->descriptor.release();
}

void CurlMultiLoop::arm(const std::shared_ptr<Socket>& s) {
  // A wait whose direction curl no longer wants is left to fire once and is then ignored
  // (on_ready checks `what`); cancelling it would cancel the other direction too.
  if ((s->what & CURL_POLL_IN) != 0 && !s->reading) {
    s->reading = true;
    s->descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                             [this, s](const boost::system::error_code& ec) {
                               s->reading = false;
                               if (ec == asio::error::operation_aborted || s->closed) return;
                               on_ready(s, ec ? CURL_CSELECT_ERR : CURL_CSELECT_IN);
                             });
  }
  if ((s->what & CURL_POLL_OUT) != 0 && !s->writing) {
    s->writing = true;
    s->descriptor.async_wait(asio::posix::stream_descriptor::wait_write,
                             [this, s](const boost::system::error_code& ec) {
                               s->writing = false;
                               if (ec == asio::error::operation_aborted || s->closed) return;
                               on_ready(s, ec ? CURL_CSELECT_ERR : CURL_CSELECT_OUT);
                             });
  }
}

void CurlMultiLoop::on_ready(const std::shared_ptr<Socket>& s, int direction) {
  const int wanted = direction == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT;
  if (direction == CURL_CSELECT_ERR || (s->what & wanted) != 0) socket_action(s->fd, direction);
  if (!s->closed) arm(s);
}

void CurlMultiLoop::socket_action(curl_socket_t fd, int ev_bitmask) {
  if (!multi_) return;  // after shutdown(): a posted "timeout now" may still run
  int running = 0;
  curl_multi_socket_action(multi_.get(), fd, ev_bitmask, &running);
  drain();
}

void CurlMultiLoop::drain() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    // The message dies with curl_multi_remove_handle, which on_done may call: copy it first.
    CURL* easy = msg->easy_handle;
    const CURLcode result = msg->data.result;
    on_done_(easy, result);
    if (!multi_) return;
  }
}

}  // namespace koubei::http
