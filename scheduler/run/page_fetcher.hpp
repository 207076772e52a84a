#pragma once
// fetch_page(): one platform page, politely, with retries: the request hop of the pipeline.
//
//   lane.acquire (token buckets, concurrency, account rotation) → sign (when the route needs it)
//   → attach the account's cookie, jar and proxy → HTTP engine → parse on the parse pool
//   → lane.release(outcome) → retry or return
//
// Policy (issue 8 §4, guarantees §9)
// - Transient failures (no response, timeout, reset, 5xx, a signer that does not answer) and
//   unrecognized pages (a malformed or truncated body looks like one) are retried up to
//   crawl.retries times after a full-jitter exponential wait (scheduler/core/backoff.hpp).
//   An unrecognized page is kept in the quarantine each time.
// - Anti-bot answers (rate limit, captcha, login, signature) cool down the account that got them
//   (PlatformGate) and the request is tried again, up to crawl.retries times, on whichever account
//   the gate grants next (another one when there is one). A block is never reported as a page.
// - not_found is final and not retried.
// The returned page says what happened last; `result` is meaningful for kOk and kEmpty only.
// A stopping runtime returns at once with `cancelled` set.
//
// Runs on the strand; the body moves to the parse pool and the result back.

#include "crawler/requests/request_spec.hpp"
#include "scheduler/run/crawl_services.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>

namespace koubei::scheduler {

struct FetchedPage {
  Outcome outcome = Outcome::kTransient;
  parsers::ParseResult result;
  int status = 0;
  std::string url;      ///< redacted
  std::string problem;  ///< why, when the outcome is not ok/empty ("HTTP 503", "captcha: …")
  std::uint32_t attempts = 0;
  bool cancelled = false;
  model::Timestamp fetched_at{};

  bool ok() const { return outcome == Outcome::kOk || outcome == Outcome::kEmpty; }
};

boost::asio::awaitable<FetchedPage> fetch_page(CrawlServices& services,
                                               config::PlatformId platform,
                                               requests::RequestSpec spec, Priority priority);

/// The Outcome a parsed page's verdict means.
Outcome outcome_of(parsers::Verdict verdict);

}  // namespace koubei::scheduler
