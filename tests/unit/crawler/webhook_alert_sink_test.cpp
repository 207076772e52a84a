// The alert webhook against a real HTTP endpoint on loopback (tests/support/webhook_receiver):
// failures then recovery deliver exactly once, a dead endpoint ends in the dead-letter file, a
// final 4xx is not retried, and the token in the URL never reaches the log. Backoffs are a few
// milliseconds, so no test sleeps for long.
#include "crawler/alerts/webhook_alert_sink.hpp"

#include "crawler/alerts/alert_dispatcher.hpp"
#include "crawler/alerts/dead_letter_file.hpp"
#include "crawler/alerts/delivery_error.hpp"
#include "tests/support/webhook_receiver.hpp"
#include "tests/unit/crawler/alert_test_support.hpp"
#include "tests/unit/crawler/http_test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using alerts::AttemptVerdict;
using analysis::alerts::Rule;
using Step = test::WebhookReceiver::Step;

namespace {

constexpr std::string_view kToken = "s3cr3tT0kenValue";

alerts::WebhookOptions options_for(const test::WebhookReceiver& hook,
                                   std::uint32_t retries,
                                   std::shared_ptr<spdlog::logger> logger) {
  alerts::WebhookOptions o;
  o.url = hook.url("/hook?token=" + std::string(kToken));
  o.timeout = std::chrono::seconds(3);  // a hung request times out; a loaded machine never does
  o.backoff.base = std::chrono::milliseconds(2);
  o.backoff.cap = std::chrono::milliseconds(10);
  o.backoff.max_retries = retries;
  o.seed = 7;
  o.logger = std::move(logger);
  return o;
}

// The webhook as the only delivery channel, dead-letter file in a temp dir, one alert delivered.
struct Delivery {
  test::TempDir dir;
  std::ostringstream log_text;
  std::shared_ptr<spdlog::logger> logger = test::capture_logger(log_text);
  http::HttpEngine engine{test::http_test_config()};
  alerts::WebhookAlertSink* webhook = nullptr;
  alerts::DispatchStats stats;

  void run(const test::WebhookReceiver& hook,
           std::uint32_t retries,
           const analysis::alerts::Alert& alert) {
    alerts::AlertChannels channels;
    auto sink =
        std::make_unique<alerts::WebhookAlertSink>(engine, options_for(hook, retries, logger));
    webhook = sink.get();
    channels.channels.push_back(std::move(sink));
    channels.dead_letter = std::make_unique<alerts::DeadLetterFile>(dead_letter());
    alerts::AlertDispatcher dispatcher(std::move(channels), 10, logger);
    REQUIRE(dispatcher.submit(alert));
    dispatcher.drain();
    stats = dispatcher.stats();
    last = webhook->stats();
    logger->flush();
  }

  std::filesystem::path dead_letter() const { return dir / "dead.jsonl"; }

  std::string log() const { return log_text.str(); }

  alerts::WebhookStats last;
};

http::Response answered(int status) {
  http::Response r;
  r.status = status;
  return r;
}

http::Response failed(http::FetchErrc e) {
  http::Response r;
  r.error = Error{make_error_code(e), "http://127.0.0.1:1/x"};
  return r;
}

}  // namespace

TEST_CASE("webhook attempts: 2xx delivers, 408/429/5xx and transport failures retry, others final",
          "[alerts][webhook]") {
  CHECK(alerts::judge_attempt(answered(200)) == AttemptVerdict::kDelivered);
  CHECK(alerts::judge_attempt(answered(204)) == AttemptVerdict::kDelivered);
  for (int s : {408, 429, 500, 502, 503, 504}) {
    INFO(s);
    CHECK(alerts::judge_attempt(answered(s)) == AttemptVerdict::kRetry);
  }
  for (int s : {301, 400, 401, 403, 404, 410, 413, 422}) {
    INFO(s);
    CHECK(alerts::judge_attempt(answered(s)) == AttemptVerdict::kFinal);
  }
  for (auto e : {http::FetchErrc::kDns,
                 http::FetchErrc::kConnect,
                 http::FetchErrc::kTimeout,
                 http::FetchErrc::kReset,
                 http::FetchErrc::kProtocol}) {
    INFO(http::to_string(e));
    CHECK(alerts::judge_attempt(failed(e)) == AttemptVerdict::kRetry);
  }
  for (auto e : {http::FetchErrc::kBadRequest,
                 http::FetchErrc::kTls,
                 http::FetchErrc::kCancelled,
                 http::FetchErrc::kCrossSiteRedirect}) {
    INFO(http::to_string(e));
    CHECK(alerts::judge_attempt(failed(e)) == AttemptVerdict::kFinal);
  }
}

TEST_CASE(
    "webhook options come from [alerts.webhook]: backoff doubles from backoff up to max_backoff",
    "[alerts][webhook]") {
  config::AlertsConfig::Webhook w;
  w.url = config::Secret("https://hooks.example.com/a?token=x");
  w.timeout = std::chrono::seconds(2);
  w.retries = 4;
  w.backoff = std::chrono::milliseconds(250);
  w.max_backoff = std::chrono::seconds(1);
  const auto o = alerts::webhook_options(w);
  CHECK(o.url == "https://hooks.example.com/a?token=x");
  CHECK(o.timeout == std::chrono::seconds(2));
  CHECK(o.backoff.max_retries == 4);
  CHECK(scheduler::backoff_ceiling(o.backoff, 0) == std::chrono::milliseconds(250));
  CHECK(scheduler::backoff_ceiling(o.backoff, 1) == std::chrono::milliseconds(500));
  CHECK(scheduler::backoff_ceiling(o.backoff, 3) == std::chrono::seconds(1));
}

TEST_CASE("webhook retry waits: full jitter below the doubling ceiling, at least a Retry-After",
          "[alerts][webhook]") {
  using std::chrono::milliseconds;
  scheduler::BackoffPolicy p;
  p.base = milliseconds(100);
  p.cap = milliseconds(5000);
  p.max_retries = 3;
  const auto plain = answered(503);
  CHECK(alerts::retry_wait(p, 0, 0.5, plain) == milliseconds(50));
  CHECK(alerts::retry_wait(p, 2, 0.5, plain) == milliseconds(200));
  CHECK(alerts::retry_wait(p, 3, 0.5, plain) == std::nullopt);  // retries used up
  auto with = [](std::string value) {
    http::Response r = answered(429);
    r.headers.add("retry-after", std::move(value));
    return r;
  };
  CHECK(alerts::retry_wait(p, 0, 0.5, with("2")) == milliseconds(2000));
  CHECK(alerts::retry_wait(p, 0, 0.5, with("0")) == milliseconds(50));       // jitter is larger
  CHECK(alerts::retry_wait(p, 0, 0.5, with("3600")) == milliseconds(5000));  // capped
  CHECK(alerts::retry_wait(p, 0, 0.5, with("Wed, 21 Oct 2026 07:28:00 GMT")) == milliseconds(50));
  CHECK(alerts::retry_wait(p, 2, 0.5, with("99999999999")) == milliseconds(200));  // nonsense
  CHECK(alerts::retry_wait(p, 3, 0.5, with("1")) == std::nullopt);
}

TEST_CASE("webhook: a server that fails (500, reset, timeout) and recovers gets the alert once",
          "[.integration][alerts][webhook]") {
  test::WebhookReceiver hook({Step::status_code(500), Step::reset(), Step::hang()});
  Delivery d;
  const auto alert = test::sample_alert(Rule::kInfluencer);
  d.run(hook, 5, alert);

  const auto delivered = hook.delivered();
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0] == analysis::alerts::to_json(alert));
  const auto requests = hook.requests();
  REQUIRE(requests.size() == 4);
  for (const auto& r : requests) {
    CHECK(r.method == "POST");
    CHECK(r.content_type == "application/json");
    CHECK(r.user_agent.rfind("koubei-alerts/", 0) == 0);
    CHECK(r.body == delivered[0]);  // every retry sends the same record
  }
  std::string output;
  CHECK(test::validate_alert_lines(delivered[0] + "\n", output) == 0);
  INFO(output);

  CHECK(d.last.attempts == 4);
  CHECK(d.last.retries == 3);
  CHECK(d.last.delivered == 1);
  CHECK(d.last.failed == 0);
  CHECK(d.stats.dead_lettered == 0);
  CHECK(d.stats.channels.at(0).delivered == 1);
  CHECK_FALSE(std::filesystem::exists(d.dead_letter()));
  // Each failed attempt was logged, with the URL redacted.
  CHECK(d.log().find("HTTP 500") != std::string::npos);
  CHECK(d.log().find("token=***") != std::string::npos);
  CHECK(d.log().find(kToken) == std::string::npos);
}

TEST_CASE("webhook: a server that never recovers leaves the alert in the dead-letter file",
          "[.integration][alerts][webhook]") {
  test::WebhookReceiver hook({}, Step::status_code(503));
  Delivery d;
  const auto alert = test::sample_alert(Rule::kCrisis);
  d.run(hook, 2, alert);

  CHECK(hook.requests().size() == 3);  // the first attempt and two retries
  CHECK(hook.delivered().empty());
  CHECK(d.last.attempts == 3);
  CHECK(d.last.failed == 1);
  CHECK(d.last.rejected == 0);
  CHECK(d.stats.dead_lettered == 1);
  CHECK(d.stats.channels.at(0).failed == 1);
  CHECK(test::read_file(d.dead_letter()) == analysis::alerts::to_json(alert) + "\n");
  CHECK(d.log().find("retries exhausted") != std::string::npos);
  CHECK(d.log().find(kToken) == std::string::npos);
}

TEST_CASE("webhook: a 4xx other than 408/429 is final, not retried",
          "[.integration][alerts][webhook]") {
  test::WebhookReceiver hook({}, Step::status_code(403));
  Delivery d;
  d.run(hook, 5, test::sample_alert(Rule::kSpike));
  CHECK(hook.requests().size() == 1);
  CHECK(d.last.attempts == 1);
  CHECK(d.last.rejected == 1);
  CHECK(d.stats.dead_lettered == 1);
  CHECK(d.log().find("HTTP 403") != std::string::npos);
  CHECK(d.log().find("not retryable") != std::string::npos);
  CHECK(d.log().find(kToken) == std::string::npos);
}

TEST_CASE("webhook: 429 and 408 are retried", "[.integration][alerts][webhook]") {
  test::WebhookReceiver hook({Step::status_code(429), Step::status_code(408)});
  Delivery d;
  d.run(hook, 3, test::sample_alert(Rule::kSpike));
  CHECK(hook.delivered().size() == 1);
  CHECK(d.last.attempts == 3);
  CHECK(d.stats.dead_lettered == 0);
}

TEST_CASE("webhook: send() is a coroutine the caller's executor awaits",
          "[.integration][alerts][webhook]") {
  test::WebhookReceiver hook({Step::status_code(502)});
  std::ostringstream log_text;
  http::HttpEngine engine(test::http_test_config());
  alerts::WebhookAlertSink sink(engine, options_for(hook, 2, test::capture_logger(log_text)));
  const auto result = test::run_coro(sink.send("{\"x\":1}", "crisis:q:1"));
  CHECK(result.has_value());
  CHECK(hook.delivered() == std::vector<std::string>{"{\"x\":1}"});
  CHECK(sink.stats().retries == 1);
}

TEST_CASE("webhook: the error of a refused endpoint names the redacted URL, never the token",
          "[.integration][alerts][webhook]") {
  std::string url;
  {
    test::WebhookReceiver gone;  // bound then closed: connections are refused
    url = gone.url("/hook?token=" + std::string(kToken));
  }
  std::ostringstream log_text;
  http::HttpEngine engine(test::http_test_config());
  alerts::WebhookOptions o;
  o.url = url;
  o.backoff.base = std::chrono::milliseconds(1);
  o.backoff.cap = std::chrono::milliseconds(2);
  o.backoff.max_retries = 1;
  o.logger = test::capture_logger(log_text);
  alerts::WebhookAlertSink sink(engine, std::move(o));
  const auto r = sink.deliver(test::sample_alert(Rule::kCrisis));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == http::FetchErrc::kConnect);
  CHECK(r.error().where.find("token=***") != std::string::npos);
  CHECK(r.error().message().find(kToken) == std::string::npos);
  CHECK(log_text.str().find(kToken) == std::string::npos);
  CHECK(sink.stats().attempts == 2);
}

TEST_CASE("webhook: after the engine stopped, delivery fails at once as cancelled (shutdown)",
          "[.integration][alerts][webhook]") {
  test::WebhookReceiver hook;
  std::ostringstream log_text;
  http::HttpEngine engine(test::http_test_config());
  alerts::WebhookAlertSink sink(engine, options_for(hook, 5, test::capture_logger(log_text)));
  engine.stop();
  const auto r = sink.deliver(test::sample_alert(Rule::kCrisis));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == http::FetchErrc::kCancelled);
  CHECK(sink.stats().attempts == 1);  // cancelled is final: no retries against a stopped engine
  CHECK(hook.requests().empty());
}
