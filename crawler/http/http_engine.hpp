#pragma once
// HttpEngine: koubei's HTTP client. One network thread owns an io_context and one libcurl multi
// handle; thousands of requests run concurrently on it, at most config.max_in_flight at once (the
// rest wait in a FIFO queue). Every limit of a crawler is enforced per request (see Request).
//
//   koubei::http::HttpEngine engine(config.http);            // starts the thread
//   Response r = co_await engine.fetch(std::move(request));  // from any coroutine, any executor
//   if (!r.ok()) log(r.error.message());                     // category FetchErrc, URL redacted
//
// Completion: fetch()/async_fetch() complete on the caller's associated executor (the awaiting
// coroutine's); submit()'s callback runs on the network thread and must not block or call stop().
// Cancellation: the asio cancellation slot of the completion handler (e.g. a `||` timeout with
// awaitable_operators), cancel(id), cancel_all(); each completes that fetch with `cancelled`.
// Thread safety: every public member may be called from any thread, except that stop() and the
// destructor must not run on the network thread. REQUIRES: curl_global_init was called once
// (main, or the test runner) before the first engine is built.
// Lifetime: the engine must outlive the fetches it was given; destroying it stops it, which
// completes every pending fetch with `cancelled` and closes all connections.

#include "config/config.hpp"
#include "crawler/http/completion.hpp"
#include "crawler/http/host_stats.hpp"
#include "crawler/http/request.hpp"
#include "crawler/http/response.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace koubei::http {

namespace detail {
class EngineCore;
}

class HttpEngine {
 public:
  /// Starts the network thread. Throws std::bad_alloc if curl cannot create its handles.
  explicit HttpEngine(config::HttpConfig config);
  ~HttpEngine();
  HttpEngine(const HttpEngine&) = delete;
  HttpEngine& operator=(const HttpEngine&) = delete;

  /// Fetches `request` from a coroutine: `Response r = co_await engine.fetch(req);`.
  boost::asio::awaitable<Response> fetch(Request request);

  /// The same for any completion token (use_awaitable, use_future, a handler bound to an
  /// executor and cancellation slot, …). Signature: void(Response).
  template <class Token>
  auto async_fetch(Request request, Token&& token) {
    return boost::asio::async_initiate<Token, void(Response)>(
        [this](auto handler, Request req) { initiate(std::move(handler), std::move(req)); },
        token,
        std::move(request));
  }

  /// Callback form for code that is not a coroutine. `done` runs on the network thread.
  FetchId submit(Request request, std::function<void(Response)> done);

  /// Cancels one fetch (a no-op if it already completed).
  void cancel(FetchId id);
  /// Cancels every queued and running fetch; the engine stays usable.
  void cancel_all();
  /// Cancels everything, closes connections, joins the network thread. Idempotent. Later
  /// fetches complete at once with `cancelled`.
  void stop();

  /// Per-host counters and histograms, a consistent copy (any thread).
  std::map<std::string, HostCounters> stats() const;
  /// Fetches running in curl and waiting for a slot (approximate).
  std::size_t running() const;
  std::size_t queued() const;
  const config::HttpConfig& config() const;
  /// The network thread's executor (handlers without an executor of their own complete here).
  boost::asio::any_io_executor executor() const;

 private:
  template <class Handler>
  void initiate(Handler handler, Request request) {
    const FetchId id = next_id();
    auto slot = boost::asio::get_associated_cancellation_slot(handler);
    if (slot.is_connected()) {
      slot.assign([this, id](boost::asio::cancellation_type type) {
        if (type != boost::asio::cancellation_type::none) cancel(id);
      });
    }
    auto work =
        boost::asio::make_work_guard(boost::asio::get_associated_executor(handler, executor()));
    start(id,
          std::move(request),
          [h = std::move(handler), work = std::move(work), slot](Response response) mutable {
            // Back to the caller's executor; the slot is cleared there, where it is emitted.
            auto ex = work.get_executor();
            boost::asio::post(ex, [h = std::move(h), slot, r = std::move(response)]() mutable {
              if (slot.is_connected()) slot.clear();
              std::move(h)(std::move(r));
            });
          });
  }

  FetchId next_id();
  void start(FetchId id, Request request, detail::Completion done);

  std::unique_ptr<detail::EngineCore> core_;
};

}  // namespace koubei::http
