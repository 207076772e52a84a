#include "crawler/alerts/webhook_alert_sink.hpp"

#include "config/secret.hpp"
#include "crawler/alerts/delivery_error.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "koubei_version.hpp"

namespace koubei::alerts {

namespace asio = boost::asio;

WebhookOptions webhook_options(const config::AlertsConfig::Webhook& config) {
  WebhookOptions o;
  o.url = config.url.reveal();
  o.timeout = config.timeout;
  o.backoff.base = config.backoff;
  o.backoff.cap = config.max_backoff;
  o.backoff.max_retries = config.retries;
  return o;
}

AttemptVerdict judge_attempt(const http::Response& r) {
  if (!r.ok()) {
    switch (r.errc()) {
      case http::FetchErrc::kDns:
      case http::FetchErrc::kConnect:
      case http::FetchErrc::kTimeout:
      case http::FetchErrc::kReset:
      case http::FetchErrc::kProtocol:
      case http::FetchErrc::kProxy:
      case http::FetchErrc::kTooLarge:
      case http::FetchErrc::kInternal:
        return AttemptVerdict::kRetry;
      default:  // bad URL, TLS verification, redirects, cancellation: the same again would fail
        return AttemptVerdict::kFinal;
    }
  }
  if (r.status >= 200 && r.status < 300) return AttemptVerdict::kDelivered;
  if (r.status == 408 || r.status == 429 || r.status >= 500) return AttemptVerdict::kRetry;
  return AttemptVerdict::kFinal;
}

std::optional<config::Duration> retry_wait(const scheduler::BackoffPolicy& policy,
                                           std::uint32_t attempt,
                                           double unit_random,
                                           const http::Response& response) {
  auto delay = scheduler::retry_delay(policy, attempt, unit_random);
  if (!delay || !response.ok()) return delay;
  const auto header = response.headers.get("Retry-After");
  if (!header || header->empty() || header->size() > 9) return delay;
  std::int64_t seconds = 0;
  for (char c : *header) {
    if (c < '0' || c > '9') return delay;  // an HTTP-date: keep our own backoff
    seconds = seconds * 10 + (c - '0');
  }
  const config::Duration asked =
      std::min<config::Duration>(std::chrono::seconds(seconds), policy.cap);
  return std::max(*delay, asked);
}

WebhookAlertSink::WebhookAlertSink(http::HttpEngine& engine, WebhookOptions options)
    : engine_(engine),
      options_(std::move(options)),
      display_(config::redact_url(options_.url)),
      logger_(options_.logger ? options_.logger : spdlog::default_logger()),
      rng_(options_.seed != 0 ? options_.seed : std::random_device{}()) {}

http::Request WebhookAlertSink::make_request(const std::string& body) const {
  http::Request req;
  req.method = http::Method::kPost;
  req.url = options_.url;
  // Our own User-Agent: the engine's browser one is for platforms, not for the team's endpoint.
  req.headers = {{"Content-Type", "application/json"},
                 {"Accept", "*/*"},
                 {"User-Agent", std::string("koubei-alerts/") + kVersion}};
  req.body = body;
  req.request_timeout = options_.timeout;
  req.connect_timeout = options_.timeout;
  req.max_redirects = 0;
  return req;
}

Error WebhookAlertSink::attempt_error(const http::Response& r,
                                      AttemptVerdict verdict,
                                      std::uint32_t attempt,
                                      const std::string& alert_id) const {
  std::string where = "webhook " + display_ + ": alert " + alert_id + ", attempt " +
                      std::to_string(attempt) + "/" +
                      std::to_string(options_.backoff.max_retries + 1);
  if (!r.ok()) return Error{r.error.code, std::move(where)};
  where += ": HTTP " + std::to_string(r.status);
  return Error{make_error_code(verdict == AttemptVerdict::kFinal ? DeliveryErrc::kRejected
                                                                 : DeliveryErrc::kHttpStatus),
               std::move(where)};
}

double WebhookAlertSink::unit_random() {
  std::lock_guard lock(rng_mutex_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
}

asio::awaitable<Result<void>> WebhookAlertSink::send(std::string body, std::string alert_id) {
  for (std::uint32_t attempt = 0;; ++attempt) {
    attempts_.fetch_add(1, std::memory_order_relaxed);
    const http::Response r = co_await engine_.fetch(make_request(body));
    const AttemptVerdict verdict = judge_attempt(r);
    if (verdict == AttemptVerdict::kDelivered) {
      delivered_.fetch_add(1, std::memory_order_relaxed);
      co_return Result<void>{};
    }
    Error error = attempt_error(r, verdict, attempt + 1, alert_id);
    const auto delay = verdict == AttemptVerdict::kRetry
                           ? retry_wait(options_.backoff, attempt, unit_random(), r)
                           : std::nullopt;
    if (!delay) {
      failed_.fetch_add(1, std::memory_order_relaxed);
      if (verdict == AttemptVerdict::kFinal && r.ok()) {
        rejected_.fetch_add(1, std::memory_order_relaxed);
      }
      logger_->warn("{}; giving up ({})",
                    error.message(),
                    verdict == AttemptVerdict::kFinal ? "not retryable" : "retries exhausted");
      co_return error;
    }
    retries_.fetch_add(1, std::memory_order_relaxed);
    logger_->warn("{}; retrying in {} ms", error.message(), delay->count());
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(*delay);
    if (auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable)); ec) {
      failed_.fetch_add(1, std::memory_order_relaxed);
      co_return Error{make_error_code(DeliveryErrc::kStopped), error.where};
    }
  }
}

Result<void> WebhookAlertSink::deliver(const analysis::alerts::Alert& alert) {
  // A private io_context on the calling (delivery) thread runs the coroutine and its backoff
  // timers: the engine's network thread only fetches, and an engine that was stopped completes
  // the fetch with `cancelled` instead of leaving this call waiting on a dead executor.
  asio::io_context io;
  Result<void> out = Error{make_error_code(DeliveryErrc::kStopped), "webhook " + display_};
  asio::co_spawn(io,
                 send(analysis::alerts::to_json(alert), alert.id),
                 [&out](std::exception_ptr e, Result<void> r) {
                   if (e) std::rethrow_exception(e);  // bad_alloc: fatal, as everywhere
                   out = std::move(r);
                 });
  io.run();
  return out;
}

WebhookStats WebhookAlertSink::stats() const {
  WebhookStats s;
  s.attempts = attempts_.load(std::memory_order_relaxed);
  s.retries = retries_.load(std::memory_order_relaxed);
  s.delivered = delivered_.load(std::memory_order_relaxed);
  s.failed = failed_.load(std::memory_order_relaxed);
  s.rejected = rejected_.load(std::memory_order_relaxed);
  return s;
}

}  // namespace koubei::alerts
