#pragma once
// WebhookReceiver: a scripted HTTP/1.1 endpoint on 127.0.0.1, port 0, on its own thread, for the
// alert webhook's tests. Each request is answered by the next step of the script, then by the
// default step when the script is used up, so a test writes "fails twice, then recovers":
//
//   WebhookReceiver hook({Step::status(500), Step::reset(), Step::hang()});  // then 200
//
// Steps: status(N) answers N (Connection: close); reset() closes with RST after reading the
// request; hang() reads the request and never answers (the client's timeout fires). Only requests
// answered 2xx count as delivered(). Thread safety: every member from any thread.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace koubei::test {

class WebhookReceiver {
 public:
  struct Step {
    enum Kind { kStatus, kReset, kHang } kind = kStatus;

    int status = 200;

    static Step status_code(int s) { return {kStatus, s}; }

    static Step reset() { return {kReset, 0}; }

    static Step hang() { return {kHang, 0}; }
  };

  /// What arrived (before the step's answer).
  struct Received {
    std::string method;
    std::string target;
    std::string content_type;
    std::string user_agent;
    std::string body;
    Step step;
  };

  explicit WebhookReceiver(std::vector<Step> script = {}, Step otherwise = Step::status_code(200));
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  /// "http://127.0.0.1:PORT" + path_and_query.
  std::string url(std::string_view path_and_query) const;

  std::vector<Received> requests() const;
  /// Bodies of the requests answered 2xx, in arrival order.
  std::vector<std::string> delivered() const;

  struct State;

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace koubei::test
