#include "tests/support/webhook_receiver.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

namespace koubei::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct WebhookReceiver::State {
  mutable std::mutex mutex;
  std::deque<Step> script;  // GUARDED_BY(mutex)
  Step otherwise;
  std::vector<Received> received;  // GUARDED_BY(mutex)
  std::vector<tcp::socket> hung;   // only touched on the server thread

  Step next(Received r) {
    std::lock_guard lock(mutex);
    Step s = otherwise;
    if (!script.empty()) {
      s = script.front();
      script.pop_front();
    }
    r.step = s;
    received.push_back(std::move(r));
    return s;
  }
};

namespace {

asio::awaitable<void> session(tcp::socket sock, std::shared_ptr<WebhookReceiver::State> state) {
  boost::beast::flat_buffer buffer;
  http::request<http::string_body> req;
  if (auto [ec, n] =
          co_await http::async_read(sock, buffer, req, asio::as_tuple(asio::use_awaitable));
      ec) {
    co_return;
  }
  const auto step = state->next({std::string(req.method_string()),
                                 std::string(req.target()),
                                 std::string(req[http::field::content_type]),
                                 std::string(req[http::field::user_agent]),
                                 req.body(),
                                 {}});
  if (step.kind == WebhookReceiver::Step::kReset) {
    const linger l{1, 0};  // close() sends RST instead of FIN
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_LINGER, &l, sizeof l);
    boost::system::error_code ignored;
    sock.close(ignored);
    co_return;
  }
  if (step.kind == WebhookReceiver::Step::kHang) {
    state->hung.push_back(std::move(sock));  // closed when the receiver is destroyed
    co_return;
  }
  http::response<http::string_body> res{static_cast<http::status>(step.status), req.version()};
  res.set(http::field::content_type, "text/plain");
  res.set(http::field::connection, "close");
  res.body() = "answer " + std::to_string(step.status);
  res.prepare_payload();
  co_await http::async_write(sock, res, asio::as_tuple(asio::use_awaitable));
  boost::system::error_code ignored;
  sock.shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor,
                                  std::shared_ptr<WebhookReceiver::State> state) {
  for (;;) {
    auto [ec, sock] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    asio::co_spawn(acceptor.get_executor(), session(std::move(sock), state), asio::detached);
  }
}

}  // namespace

WebhookReceiver::WebhookReceiver(std::vector<Step> script, Step otherwise)
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
      state_(std::make_shared<State>()) {
  state_->script.assign(script.begin(), script.end());
  state_->otherwise = otherwise;
  asio::co_spawn(io_, accept_loop(acceptor_, state_), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

WebhookReceiver::~WebhookReceiver() {
  asio::post(io_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  });
  io_.stop();
  thread_.join();
  state_->hung.clear();  // while io_ (their service) still exists
}

std::string WebhookReceiver::url(std::string_view path_and_query) const {
  return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
         std::string(path_and_query);
}

std::vector<WebhookReceiver::Received> WebhookReceiver::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->received;
}

std::vector<std::string> WebhookReceiver::delivered() const {
  std::lock_guard lock(state_->mutex);
  std::vector<std::string> out;
  for (const auto& r : state_->received) {
    if (r.step.kind == Step::kStatus && r.step.status / 100 == 2) out.push_back(r.body);
  }
  return out;
}

}  // namespace koubei::test
