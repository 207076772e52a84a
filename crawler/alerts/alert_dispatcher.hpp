#pragma once
// AlertDispatcher: the bounded delivery queue between the alert rules and the channels, so that
// raising an alert never waits for a webhook or Redis. The crawl strand (or `koubei parse
// --alerts`) calls submit(), which only queues; one worker thread delivers each alert in order:
// first to the observers (the log), then to the channels through deliver_all(), which writes an
// alert that no channel accepted to the dead-letter file.
//
// Why a thread and not a coroutine: the Redis connection is synchronous (storage/redis) and the
// webhook's retries may last minutes; a dedicated thread keeps both off the crawl strand and off
// the HTTP engine's network thread, with one bound (`[alerts] queue`) for what waits. Channels see
// one alert at a time, so they need no thread safety of their own.
//
// Contract
// - submit() never blocks on the network. When the queue is at its bound the alert is written to
//   the dead-letter file at once (counted in queue_full), so it is never silently lost.
// - Observers' results never count as delivery: with a webhook or stream configured, an alert
//   that both refused is dead-lettered even though it was logged.
// - A channel's first failure after a success is logged at warn with its error, its recovery at
//   info; every failure is counted per channel. An alert that cannot even be dead-lettered is
//   logged at error and counted in lost.
// - stop() (and the destructor) delivers what is queued, then joins the worker; later submit()s
//   are dead-lettered. To stop quickly, stop the HTTP engine first: pending webhook attempts are
//   then cancelled and their alerts dead-lettered.
// Thread safety: submit(), drain(), stats() from any thread; stop() from one thread.

#include <spdlog/logger.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/alerts/alert_sink.hpp"

namespace koubei::alerts {

struct AlertChannels {
  /// Delivery channels (webhook, Redis Stream): an alert none accepted is dead-lettered.
  std::vector<std::unique_ptr<analysis::alerts::AlertSink>> channels;
  /// Told of every alert too (the log); their results are counted but are not a delivery.
  std::vector<std::unique_ptr<analysis::alerts::AlertSink>> observers;
  std::unique_ptr<analysis::alerts::AlertSink> dead_letter;  ///< REQUIRES: non-null
};

struct ChannelCounts {
  std::string name;
  std::uint64_t delivered = 0;
  std::uint64_t failed = 0;
};

struct DispatchStats {
  std::uint64_t submitted = 0;
  std::uint64_t finished = 0;           ///< delivered to some channel, dead-lettered or lost
  std::uint64_t dead_lettered = 0;      ///< written to the dead-letter file (queue_full included)
  std::uint64_t queue_full = 0;         ///< dead-lettered at submit because the queue was full
  std::uint64_t lost = 0;               ///< not even the dead-letter file could take them
  std::vector<ChannelCounts> channels;  ///< observers first, then channels, in order
};

class AlertDispatcher {
 public:
  /// Starts the worker. REQUIRES: queue_bound >= 1, channels.dead_letter non-null.
  AlertDispatcher(AlertChannels channels,
                  std::size_t queue_bound,
                  std::shared_ptr<spdlog::logger> logger = nullptr);
  ~AlertDispatcher();
  AlertDispatcher(const AlertDispatcher&) = delete;
  AlertDispatcher& operator=(const AlertDispatcher&) = delete;

  /// Queues the alert; false when it was dead-lettered instead (queue full or stopped).
  bool submit(analysis::alerts::Alert alert);
  /// Waits until every alert submitted so far is finished.
  void drain();
  /// Finishes the queue and joins the worker. Idempotent.
  void stop();

  DispatchStats stats() const;

 private:
  void run();
  void deliver(const analysis::alerts::Alert& alert);
  void dead_letter(const analysis::alerts::Alert& alert, bool queue_full);
  void record(std::size_t index, const std::optional<Error>& error);

  AlertChannels sinks_;
  std::size_t bound_;
  std::shared_ptr<spdlog::logger> logger_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;               // worker: queue non-empty or stopping
  std::condition_variable idle_;               // drain(): finished caught up with submitted
  std::deque<analysis::alerts::Alert> queue_;  // GUARDED_BY(mutex_)
  bool stopping_ = false;                      // GUARDED_BY(mutex_)
  DispatchStats stats_;                        // GUARDED_BY(mutex_)
  std::vector<bool> failing_;                  // GUARDED_BY(mutex_), per stats_.channels entry
  std::unique_ptr<analysis::alerts::AlertSink> dead_letter_;  // sinks_.dead_letter behind a mutex
  std::thread worker_;
};

}  // namespace koubei::alerts
