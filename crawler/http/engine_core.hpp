#pragma once
// The HTTP engine's machinery behind HttpEngine's small public header: the network thread, its
// io_context, the curl multi loop, the max_in_flight queue and the table of live transfers.
//
// Thread safety: start(), cancel(), cancel_all(), stop() and stats() may be called from any
// thread; they post to the network thread, which alone touches transfers_, queue_ and loop_.
// REQUIRES: stop() is not called from the network thread (it joins it).

#include "config/config.hpp"
#include "crawler/http/curl_multi_loop.hpp"
#include "crawler/http/host_stats.hpp"
#include "crawler/http/transfer.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace koubei::http::detail {

class EngineCore {
 public:
  /// Starts the network thread. Throws std::bad_alloc if curl cannot create its handles.
  explicit EngineCore(config::HttpConfig config);
  ~EngineCore();
  EngineCore(const EngineCore&) = delete;
  EngineCore& operator=(const EngineCore&) = delete;

  FetchId next_id() { return next_id_.fetch_add(1, std::memory_order_relaxed); }

  /// Queues a fetch; `done` runs on the network thread with the Response (at once, on the calling
  /// thread, with `cancelled` when the engine is stopped).
  void start(FetchId id, Request request, Completion done);
  void cancel(FetchId id);
  void cancel_all();
  /// Cancels everything, completes every handler, closes connections and joins the thread.
  void stop();

  boost::asio::io_context::executor_type executor() { return io_.get_executor(); }

  const config::HttpConfig& config() const { return config_; }

  HostStats& stats() { return stats_; }

  /// Transfers running in curl / waiting for a slot (approximate from other threads).
  std::size_t running() const { return running_count_.load(std::memory_order_relaxed); }

  std::size_t queued() const { return queued_count_.load(std::memory_order_relaxed); }

 private:
  // All below run on the network thread.
  void admit(std::unique_ptr<Transfer> t);
  void pump();
  void on_done(CURL* easy, CURLcode result);
  void complete(FetchId id);
  void cancel_now(FetchId id, std::string_view why);
  void cancel_everything(std::string_view why);
  void update_counts();
  CurlEasy acquire_easy();

  config::HttpConfig config_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  CurlMultiLoop loop_;
  HostStats stats_;
  std::unordered_map<FetchId, std::unique_ptr<Transfer>> transfers_;  // queued and running
  std::deque<FetchId> queue_;  // waiting for a slot; ids of cancelled ones are skipped lazily
  std::vector<CurlEasy> idle_easies_;  // reset handles of finished fetches, at most max_in_flight
  std::size_t running_ = 0;
  std::atomic<std::size_t> running_count_{0};
  std::atomic<std::size_t> queued_count_{0};
  std::atomic<FetchId> next_id_{1};

  std::mutex stop_mutex_;
  bool stopped_ = false;  // GUARDED_BY(stop_mutex_): no post may follow the shutdown task
  std::thread thread_;
};

}  // namespace koubei::http::detail
