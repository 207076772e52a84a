#pragma once
// WebhookAlertSink: POSTs each alert's koubei.alert.v1 JSON (Content-Type: application/json) to
// the [alerts.webhook] url through the HTTP engine, retrying transient failures.
//
// Delivery policy
// - One attempt = one POST with request timeout `timeout`; redirects are not followed (a webhook
//   that redirects is misconfigured, and a 302 would turn the POST into a GET).
// - 2xx = delivered. 408, 429, 5xx and transport failures (DNS, connect, timeout, reset, protocol,
//   proxy, body too large) are retried: retry n waits scheduler::retry_delay() (full jitter in
//   [0, min(max_backoff, backoff·2ⁿ)]), at most `retries` times; a Retry-After (delta-seconds)
//   of a 429/503 makes the wait at least that long, capped at max_backoff. Any other status
//   (4xx, 3xx) and failures a retry cannot fix (bad URL, TLS verification, cancellation) are
//   final at once.
// - When the last attempt fails its Error is returned; AlertDispatcher (deliver_all) then writes
//   the alert to the dead-letter file. Retries and final failures are logged at warn and counted.
// - The endpoint appears in errors and logs only as config::redact_url(url): userinfo passwords
//   and token-like query values are "***". Response bodies are never logged.
//
// Not blocking the crawl: send() is a coroutine. Fetches run on the engine's network thread and
// the waits between attempts are timers on the awaiting coroutine's executor, so no thread
// sleeps. deliver(), the synchronous AlertSink form, runs send() on a private io_context in the
// calling thread until it completes: call it from a delivery thread (AlertDispatcher's worker,
// the CLI), never from the engine's network thread or the crawl strand. After the engine was
// stopped, attempts complete at once as cancelled (final).
//
// Thread safety: send(), deliver() and stats() may be called from any thread, concurrently.
// Lifetime: the engine outlives the sink; the sink outlives every send() it started.

#include "config/config.hpp"
#include "crawler/http/http_engine.hpp"
#include "scheduler/core/backoff.hpp"

#include <boost/asio/awaitable.hpp>
#include <spdlog/logger.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "analysis/alerts/alert_sink.hpp"

namespace koubei::alerts {

struct WebhookOptions {
  std::string url;  ///< the real URL (may carry a token); only redact_url(url) is ever printed
  config::Duration timeout{5000};
  scheduler::BackoffPolicy backoff;  ///< base = backoff, cap = max_backoff, max_retries = retries
  std::uint64_t seed = 0;            ///< jitter seed; 0 = random
  std::shared_ptr<spdlog::logger> logger;  ///< null = the process default
};

/// The options of [alerts.webhook].
WebhookOptions webhook_options(const config::AlertsConfig::Webhook& config);

/// What one attempt's response means for the delivery.
enum class AttemptVerdict { kDelivered, kRetry, kFinal };
AttemptVerdict judge_attempt(const http::Response& response);

/// The wait before retry `attempt` (0 = the first) after `response`: retry_delay()'s full jitter,
/// but at least a Retry-After of delta-seconds the endpoint sent (capped at policy.cap; an
/// HTTP-date is ignored). nullopt when retries are used up.
std::optional<config::Duration> retry_wait(const scheduler::BackoffPolicy& policy,
                                           std::uint32_t attempt,
                                           double unit_random,
                                           const http::Response& response);

struct WebhookStats {
  std::uint64_t attempts = 0;   ///< POSTs sent (first tries and retries)
  std::uint64_t retries = 0;    ///< attempts after a retryable failure
  std::uint64_t delivered = 0;  ///< alerts acknowledged with 2xx
  std::uint64_t failed = 0;     ///< alerts given up on (retries exhausted or a final answer)
  std::uint64_t rejected = 0;   ///< of those, refused with a final status (4xx other than 408/429)
};

class WebhookAlertSink final : public analysis::alerts::AlertSink {
 public:
  /// REQUIRES: engine outlives the sink.
  WebhookAlertSink(http::HttpEngine& engine, WebhookOptions options);

  /// Every attempt for one alert body; completes with the first 2xx or the last failure.
  boost::asio::awaitable<Result<void>> send(std::string body, std::string alert_id);

  /// Blocking form; see the contract for where it may be called.
  Result<void> deliver(const analysis::alerts::Alert& alert) override;

  std::string_view name() const override { return "webhook"; }

  WebhookStats stats() const;

  /// The endpoint as it is printed.
  const std::string& display() const { return display_; }

 private:
  http::Request make_request(const std::string& body) const;
  Error attempt_error(const http::Response& r,
                      AttemptVerdict verdict,
                      std::uint32_t attempt,
                      const std::string& alert_id) const;
  double unit_random();

  http::HttpEngine& engine_;
  WebhookOptions options_;
  std::string display_;
  std::shared_ptr<spdlog::logger> logger_;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_;  // GUARDED_BY(rng_mutex_)
  std::atomic<std::uint64_t> attempts_{0};
  std::atomic<std::uint64_t> retries_{0};
  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> rejected_{0};
};

}  // namespace koubei::alerts
