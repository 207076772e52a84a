#include "scheduler/run/page_fetcher.hpp"

#include "config/secret.hpp"
#include "crawler/signer/signer_client.hpp"
#include "scheduler/core/backoff.hpp"
#include "scheduler/run/run_on.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>

namespace koubei::scheduler {

namespace asio = boost::asio;

Outcome outcome_of(parsers::Verdict verdict) {
  switch (verdict) {
    case parsers::Verdict::kOk: return Outcome::kOk;
    case parsers::Verdict::kEmpty: return Outcome::kEmpty;
    case parsers::Verdict::kRateLimited: return Outcome::kRateLimited;
    case parsers::Verdict::kLoginRequired: return Outcome::kLoginRequired;
    case parsers::Verdict::kCaptcha: return Outcome::kCaptcha;
    case parsers::Verdict::kNotFound: return Outcome::kNotFound;
    case parsers::Verdict::kSignatureRejected: return Outcome::kSignatureRejected;
    case parsers::Verdict::kUnrecognized: return Outcome::kUnrecognized;
  }
  return Outcome::kUnrecognized;
}

namespace {

model::Timestamp wall_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::optional<Duration> retry_after_of(const http::Response& r) {
  const auto value = r.headers.get("Retry-After");
  if (!value) return std::nullopt;
  std::uint64_t seconds = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (ec != std::errc() || end != value->data() + value->size()) return std::nullopt;
  return Duration{static_cast<Duration::rep>(std::min<std::uint64_t>(seconds, 86400) * 1000)};
}

// A response worth handing to the parser: it arrived, even if the redirect policy stopped it
// (a captcha redirect to another site is a verdict, not a transport failure).
bool parseable(const http::Response& r) {
  if (r.status == 0) return false;
  if (r.ok()) return true;
  switch (r.errc()) {
    case http::FetchErrc::kCrossSiteRedirect:
    case http::FetchErrc::kTooManyRedirects:
    case http::FetchErrc::kRedirectLoop: return true;
    default: return false;
  }
}

struct Attempt {
  Outcome outcome = Outcome::kTransient;
  parsers::ParseResult result;
  int status = 0;
  std::string problem;
  std::optional<Duration> retry_after;
  double seconds = 0;
  std::string body;  ///< kept only for an unrecognized page
};

asio::awaitable<Attempt> attempt_once(CrawlServices& s, const clients::PlatformClient& client,
                                      const AccountIdentity& account, requests::RequestSpec spec,
                                      model::Timestamp fetched_at) {
  Attempt a;
  if (spec.signing != requests::Signing::kNone) {
    auto signed_ok = co_await signer::sign(*s.engine, client.config().signer_url, spec,
                                           fetched_at.time_since_epoch().count());
    if (!signed_ok) {
      a.problem = "signer: " + signed_ok.error().message();
      co_return a;  // transient: the signing service may come back
    }
  }
  http::Request request = signer::to_http_request(spec);
  request.cookie = account.cookie;
  request.proxy = account.proxy;
  request.cookie_jar = account.jar;
  http::Response response = co_await s.engine->fetch(std::move(request));
  a.seconds = std::chrono::duration<double>(response.timings.total).count();
  a.status = response.status;
  a.retry_after = retry_after_of(response);
  if (!parseable(response)) {
    a.problem = response.error.message();
    co_return a;
  }
  if (response.status >= 500) {
    a.problem = "HTTP " + std::to_string(response.status);
    co_return a;
  }
  // The page moves to the parse pool with its body; the result comes back.
  const parsers::PageType type = spec.page_type;
  ParserPool* parsers_pool = s.parsers;
  std::string request_url = spec.url;
  auto work = [parsers_pool, type, fetched_at, request_url,
               r = std::make_shared<http::Response>(std::move(response))]() {
    std::vector<parsers::Header> headers;
    for (const auto& [name, value] : r->headers.entries()) headers.push_back({name, value});
    parsers::PageInput page{type, r->body.view(), true, r->status, request_url, r->final_url,
                            std::move(headers), fetched_at};
    parsers::ParseResult result = parsers_pool->parse(page);
    // An unrecognized page is kept for diagnosis (quarantine): its body must outlive the response.
    std::string kept;
    if (result.verdict == parsers::Verdict::kUnrecognized) kept.assign(r->body.view());
    return std::make_pair(std::move(result), std::move(kept));
  };
  auto parsed = co_await run_on(s.parse, std::move(work));
  a.result = std::move(parsed.first);
  a.body = std::move(parsed.second);
  a.outcome = outcome_of(a.result.verdict);
  if (a.outcome != Outcome::kOk && a.outcome != Outcome::kEmpty) {
    a.problem = std::string(parsers::to_string(a.result.verdict)) +
                (a.result.detail.empty() ? "" : ": " + a.result.detail);
  }
  co_return a;
}

asio::awaitable<void> sleep_for(CrawlServices& s, Duration d) {
  asio::steady_timer timer(s.strand, d);
  (void)co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

}  // namespace

asio::awaitable<FetchedPage> fetch_page(CrawlServices& s, config::PlatformId platform,
                                        requests::RequestSpec spec, Priority priority) {
  FetchedPage page;
  page.url = config::redact_url(spec.url);
  PlatformLane& lane = *s.lanes.at(platform);
  const clients::PlatformClient& client = s.clients.at(platform);
  const config::CrawlConfig& crawl = s.config->crawl;
  const BackoffPolicy backoff{crawl.retry_base, crawl.retry_cap, crawl.retries};
  for (std::uint32_t attempt = 0;; ++attempt) {
    if (s.stopping) break;
    auto grant = co_await lane.acquire(priority);
    if (!grant) break;  // stopping
    const AccountIdentity& account = lane.identity(*grant);
    page.fetched_at = wall_now();
    Attempt a = co_await attempt_once(s, client, account, spec, page.fetched_at);
    lane.release(*grant, a.outcome, a.retry_after);
    ++page.attempts;
    s.observer->on_request(platform, parsers::to_string(spec.page_type), a.status, a.outcome,
                           a.seconds);
    page.outcome = a.outcome;
    page.status = a.status;
    page.problem = a.problem;
    page.result = std::move(a.result);
    if (page.ok() || a.outcome == Outcome::kNotFound) co_return page;

    if (a.outcome == Outcome::kUnrecognized && s.quarantine != nullptr) {
      const std::string type(parsers::to_string(spec.page_type));
      const std::string reason = page.problem;
      const std::string url = page.url;
      const int status = page.status;
      const std::int64_t now_ms = page.fetched_at.time_since_epoch().count();
      storage::Quarantine* q = s.quarantine;
      asio::post(s.storage, [q, type, url, status, reason, now_ms, body = std::move(a.body)] {
        if (auto kept = q->keep(type, url, status, reason, body, now_ms); !kept) {
          spdlog::warn("{}", kept.error().message());
        }
      });
    }
    if (is_block(a.outcome)) {
      spdlog::warn("{}: account {}: {} on {}; the account cools down", config::to_string(platform),
                   account.name, page.problem, page.url);
    }
    std::optional<Duration> wait;
    if (attempt < crawl.retries) {
      // A block waits at the gate (the account's cool-down); a transient failure waits here.
      wait = is_block(a.outcome) ? std::optional<Duration>(Duration::zero())
                                 : retry_delay(backoff, attempt, s.unit_random());
    }
    if (!wait) break;
    if (wait->count() > 0) co_await sleep_for(s, *wait);
  }
  page.cancelled = s.stopping;
  co_return page;
}

}  // namespace koubei::scheduler
