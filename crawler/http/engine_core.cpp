#include "crawler/http/engine_core.hpp"

#include <boost/asio/post.hpp>

#include <utility>
#include <vector>

namespace koubei::http::detail {

namespace asio = boost::asio;

EngineCore::EngineCore(config::HttpConfig config)
    : config_(std::move(config)),
      io_(),
      work_(io_.get_executor()),
      loop_(
          io_,
          [this](CURL* easy, CURLcode result) { on_done(easy, result); },
          2L * config_.max_in_flight),
      thread_([this] { io_.run(); }) {}

EngineCore::~EngineCore() {
  stop();
}

void EngineCore::start(FetchId id, Request request, Completion done) {
  auto transfer = std::make_unique<Transfer>(id, std::move(request), config_, std::move(done));
  {
    const std::lock_guard lock(stop_mutex_);
    if (!stopped_) {
      asio::post(io_, [this, t = std::move(transfer)]() mutable { admit(std::move(t)); });
      return;
    }
  }
  transfer->fail(FetchErrc::kCancelled, "engine stopped");
  Completion handler = transfer->take_completion();
  std::move(handler)(transfer->take_response());
}

void EngineCore::cancel(FetchId id) {
  const std::lock_guard lock(stop_mutex_);
  if (!stopped_) asio::post(io_, [this, id] { cancel_now(id, "cancelled by the caller"); });
}

void EngineCore::cancel_all() {
  const std::lock_guard lock(stop_mutex_);
  if (!stopped_) asio::post(io_, [this] { cancel_everything("cancelled by the caller"); });
}

void EngineCore::stop() {
  {
    const std::lock_guard lock(stop_mutex_);
    if (stopped_) return;
    stopped_ = true;
    asio::post(io_, [this] {
      cancel_everything("engine stopped");
      idle_easies_.clear();
      loop_.shutdown();
    });
  }
  work_.reset();  // run() returns once the shutdown task and its completions have run
  if (thread_.joinable()) thread_.join();
}

void EngineCore::admit(std::unique_ptr<Transfer> t) {
  const FetchId id = t->id();
  transfers_.emplace(id, std::move(t));
  queue_.push_back(id);
  pump();
}

void EngineCore::pump() {
  while (running_ < config_.max_in_flight && !queue_.empty()) {
    const FetchId id = queue_.front();
    queue_.pop_front();
    const auto it = transfers_.find(id);
    if (it == transfers_.end()) continue;  // cancelled while queued
    Transfer& t = *it->second;
    t.mark_queued_until(Clock::now());
    const bool fresh = idle_easies_.empty();
    t.attach(acquire_easy(), fresh, config_);
    if (t.easy() != nullptr) loop_.configure(t.easy());
    if (!t.prepare_hop()) {
      complete(id);
      continue;
    }
    if (const CURLMcode rc = loop_.add(t.easy()); rc != CURLM_OK) {
      t.fail(FetchErrc::kInternal, curl_multi_strerror(rc));
      complete(id);
      continue;
    }
    t.set_in_multi(true);
    ++running_;
  }
  update_counts();
}

void EngineCore::on_done(CURL* easy, CURLcode result) {
  void* priv = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &priv);
  auto* t = static_cast<Transfer*>(priv);
  loop_.remove(easy);
  if (t->finish_hop(result) == Transfer::Next::kFollow && t->prepare_hop()) {
    if (const CURLMcode rc = loop_.add(easy); rc == CURLM_OK) return;
    t->fail(FetchErrc::kInternal, "could not re-add the handle for a redirect");
  }
  t->set_in_multi(false);
  --running_;
  complete(t->id());
  pump();
}

void EngineCore::complete(FetchId id) {
  const auto it = transfers_.find(id);
  if (it == transfers_.end()) return;
  const std::unique_ptr<Transfer> t = std::move(it->second);
  transfers_.erase(it);
  if (CurlEasy easy = t->release_for_reuse(); easy && idle_easies_.size() < config_.max_in_flight) {
    idle_easies_.push_back(std::move(easy));
  }
  Response response = t->take_response();
  stats_.record(t->host(), response);
  update_counts();  // before the handler runs: whoever it wakes sees the counts without it
  Completion done = t->take_completion();
  std::move(done)(std::move(response));
}

void EngineCore::cancel_now(FetchId id, std::string_view why) {
  const auto it = transfers_.find(id);
  if (it == transfers_.end()) return;  // already completed: the cancellation came too late
  Transfer& t = *it->second;
  if (t.in_multi()) {
    loop_.remove(t.easy());
    t.set_in_multi(false);
    --running_;
  }  // else it is queued: pump() skips its id once it is gone from transfers_
  t.fail(FetchErrc::kCancelled, why);
  complete(id);
  pump();
}

void EngineCore::cancel_everything(std::string_view why) {
  std::vector<FetchId> ids;
  ids.reserve(transfers_.size());
  for (const auto& [id, t] : transfers_)
    ids.push_back(id);
  queue_.clear();  // nothing may start in between: every id is cancelled below
  for (const FetchId id : ids) {
    const auto it = transfers_.find(id);
    if (it == transfers_.end()) continue;
    if (it->second->in_multi()) loop_.remove(it->second->easy());
    it->second->set_in_multi(false);
    it->second->fail(FetchErrc::kCancelled, why);
    complete(id);
  }
  running_ = 0;
  update_counts();
}

CurlEasy EngineCore::acquire_easy() {
  // A reused handle skips curl's per-handle set-up (state, buffers): a fifth of a request's CPU.
  if (idle_easies_.empty()) return CurlEasy(curl_easy_init());
  CurlEasy easy = std::move(idle_easies_.back());
  idle_easies_.pop_back();
  return easy;
}

void EngineCore::update_counts() {
  running_count_.store(running_, std::memory_order_relaxed);
  queued_count_.store(transfers_.size() - running_, std::memory_order_relaxed);
}

}  // namespace koubei::http::detail
