#include "crawler/alerts/alert_dispatcher.hpp"

#include "crawler/alerts/dead_letter_file.hpp"

#include <spdlog/spdlog.h>

namespace koubei::alerts {

using analysis::alerts::Alert;
using analysis::alerts::AlertSink;

namespace detail {

// The dead-letter file is written by the worker and by submit() on a full queue.
class LockedSink final : public AlertSink {
 public:
  explicit LockedSink(std::unique_ptr<AlertSink> inner) : inner_(std::move(inner)) {}

  Result<void> deliver(const Alert& alert) override {
    std::lock_guard lock(mutex_);
    return inner_->deliver(alert);
  }

  std::string_view name() const override { return inner_->name(); }

 private:
  std::unique_ptr<AlertSink> inner_;
  std::mutex mutex_;
};

}  // namespace detail

AlertDispatcher::AlertDispatcher(AlertChannels channels,
                                 std::size_t queue_bound,
                                 std::shared_ptr<spdlog::logger> logger)
    : sinks_(std::move(channels)),
      bound_(queue_bound),
      logger_(logger ? std::move(logger) : spdlog::default_logger()),
      dead_letter_(std::make_unique<detail::LockedSink>(std::move(sinks_.dead_letter))) {
  for (const auto& s : sinks_.observers)
    stats_.channels.push_back({std::string(s->name())});
  for (const auto& s : sinks_.channels)
    stats_.channels.push_back({std::string(s->name())});
  failing_.assign(stats_.channels.size(), false);
  worker_ = std::thread([this] { run(); });
}

AlertDispatcher::~AlertDispatcher() {
  stop();
}

bool AlertDispatcher::submit(Alert alert) {
  bool queue_full = false;
  {
    std::lock_guard lock(mutex_);
    ++stats_.submitted;
    if (!stopping_ && queue_.size() < bound_) {
      queue_.push_back(std::move(alert));
      wake_.notify_one();
      return true;
    }
    queue_full = !stopping_;
  }
  dead_letter(alert, queue_full);
  return false;
}

void AlertDispatcher::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return stats_.finished == stats_.submitted; });
}

void AlertDispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

DispatchStats AlertDispatcher::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void AlertDispatcher::run() {
  for (;;) {
    Alert alert;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued was delivered
      alert = std::move(queue_.front());
      queue_.pop_front();
    }
    deliver(alert);
  }
}

void AlertDispatcher::deliver(const Alert& alert) {
  std::size_t index = 0;
  for (const auto& observer : sinks_.observers) {
    auto told = observer->deliver(alert);
    record(index++, told ? std::nullopt : std::optional<Error>(told.error()));
  }
  std::vector<AlertSink*> channels;
  for (const auto& c : sinks_.channels)
    channels.push_back(c.get());
  const FanOutResult r = deliver_all(alert, channels, *dead_letter_);
  for (const auto& e : r.channel_errors)
    record(index++, e);
  std::lock_guard lock(mutex_);
  if (r.dead_lettered && !r.error) {
    ++stats_.dead_lettered;
    logger_->warn("alert {} was accepted by no channel; written to the dead-letter file", alert.id);
  } else if (r.dead_lettered) {
    ++stats_.lost;
    logger_->error("alert {} LOST: no channel accepted it and the dead-letter file failed: {}",
                   alert.id,
                   r.error->message());
  }
  ++stats_.finished;
  idle_.notify_all();
}

void AlertDispatcher::dead_letter(const Alert& alert, bool queue_full) {
  const Result<void> written = dead_letter_->deliver(alert);
  std::lock_guard lock(mutex_);
  if (queue_full) ++stats_.queue_full;
  if (written) {
    ++stats_.dead_lettered;
    logger_->warn("alert {} dead-lettered: {}",
                  alert.id,
                  queue_full ? "the delivery queue is full" : "delivery is stopping");
  } else {
    ++stats_.lost;
    logger_->error(
        "alert {} LOST: the dead-letter file failed: {}", alert.id, written.error().message());
  }
  ++stats_.finished;
  idle_.notify_all();
}

void AlertDispatcher::record(std::size_t index, const std::optional<Error>& error) {
  std::lock_guard lock(mutex_);
  ChannelCounts& c = stats_.channels[index];
  if (!error) {
    ++c.delivered;
    if (failing_[index]) logger_->info("alert channel {} recovered", c.name);
    failing_[index] = false;
    return;
  }
  ++c.failed;
  if (!failing_[index]) logger_->warn("alert channel {} failing: {}", c.name, error->message());
  failing_[index] = true;
}

}  // namespace koubei::alerts
