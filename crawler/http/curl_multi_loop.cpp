#include "crawler/http/curl_multi_loop.hpp"

#include <chrono>
#include <new>
#include <utility>

namespace koubei::http {

namespace asio = boost::asio;

CurlMultiLoop::CurlMultiLoop(asio::io_context& io, DoneFn on_done)
    : io_(io), timer_(io), on_done_(std::move(on_done)), multi_(curl_multi_init()) {
  if (!multi_) throw std::bad_alloc();
  curl_multi_setopt(multi_.get(), CURLMOPT_SOCKETFUNCTION, &CurlMultiLoop::on_socket);
  curl_multi_setopt(multi_.get(), CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_.get(), CURLMOPT_TIMERFUNCTION, &CurlMultiLoop::on_timer);
  curl_multi_setopt(multi_.get(), CURLMOPT_TIMERDATA, this);
  // HTTP/2 streams share one connection per host when the server offers it.
  curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
}

CurlMultiLoop::~CurlMultiLoop() { shutdown(); }

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
  timer_.cancel();
}

int CurlMultiLoop::on_socket(CURL*, curl_socket_t fd, int what, void* userp, void*) {
  auto* self = static_cast<CurlMultiLoop*>(userp);
  if (what == CURL_POLL_REMOVE) {
    self->forget(fd);
    return 0;
  }
  return self->watch(fd, what);
}

int CurlMultiLoop::on_timer(CURLM*, long timeout_ms, void* userp) {
  auto* self = static_cast<CurlMultiLoop*>(userp);
  if (timeout_ms < 0) {
    self->timer_.cancel();
    return 0;
  }
  // Even a 0 timeout goes through the timer: curl forbids socket_action from inside a callback.
  self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
  self->timer_.async_wait([self](const boost::system::error_code& ec) {
    if (!ec) self->socket_action(CURL_SOCKET_TIMEOUT, 0);
  });
  return 0;
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
  if (!multi_) return;
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
