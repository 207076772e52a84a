#include "crawler/http/http_engine.hpp"

#include "crawler/http/engine_core.hpp"

namespace koubei::http {

HttpEngine::HttpEngine(config::HttpConfig config)
    : core_(std::make_unique<detail::EngineCore>(std::move(config))) {}

HttpEngine::~HttpEngine() {
  stop();
}

boost::asio::awaitable<Response> HttpEngine::fetch(Request request) {
  return async_fetch(std::move(request), boost::asio::use_awaitable);
}

FetchId HttpEngine::submit(Request request, std::function<void(Response)> done) {
  const FetchId id = next_id();
  start(id, std::move(request), [done = std::move(done)](Response r) { done(std::move(r)); });
  return id;
}

void HttpEngine::cancel(FetchId id) {
  core_->cancel(id);
}

void HttpEngine::cancel_all() {
  core_->cancel_all();
}

void HttpEngine::stop() {
  core_->stop();
}

std::map<std::string, HostCounters> HttpEngine::stats() const {
  return core_->stats().snapshot();
}

std::size_t HttpEngine::running() const {
  return core_->running();
}

std::size_t HttpEngine::queued() const {
  return core_->queued();
}

const config::HttpConfig& HttpEngine::config() const {
  return core_->config();
}

boost::asio::any_io_executor HttpEngine::executor() const {
  return core_->executor();
}

FetchId HttpEngine::next_id() {
  return core_->next_id();
}

void HttpEngine::start(FetchId id, Request request, detail::Completion done) {
  core_->start(id, std::move(request), std::move(done));
}

}  // namespace koubei::http
