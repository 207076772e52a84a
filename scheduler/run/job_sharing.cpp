// Job sharing between daemons on one Redis: the lease coordinator of CrawlRuntime and the wait a
// job does for its lease (crawl_runtime.hpp, "Sharing").
#include "scheduler/run/crawl_runtime.hpp"
#include "scheduler/run/run_on.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <future>

namespace koubei::scheduler {

namespace asio = boost::asio;

namespace {

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

asio::awaitable<void> CrawlRuntime::coordinate() {
  lease_timer_ = std::make_unique<asio::steady_timer>(io_);
  storage::JobLeases* leases = services_.stack->stores.leases.get();
  const std::int64_t ttl = config_.daemon.lease_ttl.count();
  const std::chrono::milliseconds renew(ttl / 3);
  bool warned = false;
  // Join first, take later: a heartbeat-only round, then one renew interval, so that daemons
  // started together all count each other before the first takes anything (otherwise the first
  // one up starts every job and keeps each until its first walk, often a long backlog, ends).
  {
    const std::int64_t started = steady_ms();
    auto join = [leases, me = ownership_->me(), ttl] {
      return leases->round(me, ttl, {}, {});
    };
    auto joined = co_await run_on(coord_thread_.get_executor(), std::move(join));
    if (joined) {
      (void)ownership_->granted(started, LeaseRequest{}, std::move(joined->members), {});
      lease_timer_->expires_after(renew);
      (void)co_await lease_timer_->async_wait(asio::as_tuple(asio::use_awaitable));
    }
  }
  while (!(services_.stopping && running_jobs_ == 0)) {
    // The next round: a renew interval from now, or just after the earliest peer heartbeat
    // expires when that comes first (a peer that stopped renewing is dead then, and its jobs are
    // taken over within one lease of its last renewal instead of up to a renew interval later).
    std::chrono::milliseconds next = renew;
    // A second round at once when the members changed: a departed member's jobs are taken over
    // now, not a renew interval later.
    for (int pass = 0; pass < 2; ++pass) {
      LeaseRequest request = ownership_->request();
      const std::int64_t started = steady_ms();
      auto call = [leases, me = ownership_->me(), ttl, request] {
        return leases->round(me, ttl, request.take, request.release);
      };
      auto result = co_await run_on(coord_thread_.get_executor(), std::move(call));
      if (!result) {
        ++lease_errors_;
        if (!warned) {
          spdlog::warn("job leases: {}; this daemon stops starting walks when its leases run out "
                       "({} ms after the last good round)",
                       result.error().message(), ttl);
        }
        warned = true;
        break;
      }
      if (warned) spdlog::info("job leases: store reachable again");
      warned = false;
      next = renew;
      if (result->next_expiry_ms >= 0) {
        next = std::min(next, std::chrono::milliseconds(result->next_expiry_ms + 20));
      }
      const std::size_t peers_before = ownership_->peers();
      const bool changed =
          ownership_->granted(started, request, std::move(result->members), result->held);
      // The lanes' fallback while the shared budgets cannot be reached: 1/N of every configured
      // rate, so the daemons together still stay within one configuration's (a no-op while N
      // stays the same).
      const double fraction = 1.0 / static_cast<double>(ownership_->peers());
      for (auto& [id, lane] : services_.lanes) lane->share(fraction);
      if (changed) {
        spdlog::info("job leases: {} member(s) (was {}); this daemon prefers {} of {} jobs and "
                     "falls back to 1/{} of each platform's rates when the shared budgets cannot "
                     "be reached",
                     ownership_->peers(), peers_before, ownership_->preferred(), jobs_.size(),
                     ownership_->peers());
      }
      if (!changed) break;
    }
    ownership_changed_->cancel();
    if (services_.stopping && running_jobs_ == 0) break;
    lease_timer_->expires_after(next);
    (void)co_await lease_timer_->async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

asio::awaitable<bool> CrawlRuntime::await_ownership(Job& job) {
  bool waited = false;
  while (!services_.stopping && !ownership_->may_walk(job.spec.id, steady_ms())) {
    waited = true;
    (void)co_await ownership_changed_->async_wait(asio::as_tuple(asio::use_awaitable));
  }
  co_return waited;
}

void CrawlRuntime::leave_peers() {
  if (!ownership_) return;
  storage::JobLeases* leases = services_.stack->stores.leases.get();
  std::promise<Result<void>> done;
  auto left = done.get_future();
  asio::post(coord_thread_, [&done, leases, me = ownership_->me()] { done.set_value(leases->leave(me)); });
  const Result<void> result = left.get();
  if (!result) {
    spdlog::warn("job leases: could not leave ({}); the peers take this daemon's jobs over when "
                 "its leases expire",
                 result.error().message());
  }
}

CrawlRuntime::Ownership CrawlRuntime::ownership() const {
  Ownership o;
  o.lease_errors = lease_errors_;
  if (!ownership_) {
    o.peers = 1;
    for (const auto& job : jobs_) o.owned.push_back(job->spec.id);
    return o;
  }
  o.shared = true;
  o.member = ownership_->me();
  o.peers = ownership_->peers();
  const std::int64_t now = steady_ms();
  for (const auto& job : jobs_) {
    if (ownership_->may_walk(job->spec.id, now)) o.owned.push_back(job->spec.id);
  }
  return o;
}

}  // namespace koubei::scheduler
