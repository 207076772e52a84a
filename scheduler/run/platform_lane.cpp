#include "scheduler/run/platform_lane.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/as_tuple.hpp>
#include <spdlog/spdlog.h>

namespace koubei::scheduler {

namespace asio = boost::asio;

PlatformLane::PlatformLane(asio::any_io_executor strand, config::PlatformId platform,
                           const config::PlatformConfig& config, CooldownPolicy cooldowns)
    : strand_(strand),
      platform_(platform),
      gate_(config, Clock::now(), cooldowns),
      wake_(strand) {
  if (config.accounts.empty()) {
    identities_.push_back({"default", {}, {}, std::make_shared<http::CookieJar>()});
  }
  for (const auto& a : config.accounts) {
    identities_.push_back({a.name, a.cookie, a.proxy, std::make_shared<http::CookieJar>()});
  }
}

asio::awaitable<std::optional<Grant>> PlatformLane::acquire(Priority priority) {
  if (stopped_) co_return std::nullopt;
  auto waiter = std::make_shared<Waiter>(strand_);
  waiter->timer.expires_at(asio::steady_timer::time_point::max());
  (priority == Priority::kFollowUp ? follow_ups_ : polls_).push_back(waiter);
  pump();
  if (!waiter->grant && !stopped_) {
    // pump() or stop() cancels the timer; the error code is the expected operation_aborted.
    (void)co_await waiter->timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  co_return waiter->grant;
}

void PlatformLane::release(const Grant& grant, Outcome outcome, std::optional<Duration> retry_after) {
  const TimePoint now = Clock::now();
  const AccountState before = gate_.accounts(now).at(grant.account).state;
  gate_.release(grant, outcome, now, retry_after);
  const AccountView after = gate_.accounts(now).at(grant.account);
  // The transitions an operator must hear about, once each (per-block lines are warn elsewhere).
  if (after.state == AccountState::kUnhealthy && before != AccountState::kUnhealthy) {
    spdlog::error("{}: account {} is unhealthy: {}; it needs new credentials (edit the "
                  "configuration and send SIGHUP) or it is probed again after the longest cool-down",
                  config::to_string(platform_), after.name, after.reason);
  } else if (after.state == AccountState::kHealthy && before == AccountState::kUnhealthy) {
    spdlog::info("{}: account {} is healthy again", config::to_string(platform_), after.name);
  }
  pump();
}

void PlatformLane::pump() {
  while (!stopped_ && (!follow_ups_.empty() || !polls_.empty())) {
    const TimePoint now = Clock::now();
    auto decision = gate_.acquire(now);
    if (const Grant* grant = std::get_if<Grant>(&decision)) {
      auto& queue = follow_ups_.empty() ? polls_ : follow_ups_;
      auto waiter = std::move(queue.front());
      queue.pop_front();
      waiter->grant = *grant;
      waiter->timer.cancel();
      wait_reason_.clear();
      continue;
    }
    const Wait& wait = std::get<Wait>(decision);
    wait_reason_ = std::string(to_string(wait.reason));
    if (wait.retry_in) {
      const TimePoint at = now + *wait.retry_in;
      if (!wake_at_ || at < *wake_at_) {
        wake_at_ = at;
        wake_.expires_at(at);
        wake_.async_wait([this](const boost::system::error_code& ec) {
          if (ec) return;  // rescheduled or stopped
          wake_at_.reset();
          pump();
        });
      }
    }
    return;  // a release() or the wake timer pumps again
  }
}

void PlatformLane::stop() {
  stopped_ = true;
  wake_.cancel();
  for (auto* queue : {&follow_ups_, &polls_}) {
    for (auto& w : *queue) w->timer.cancel();
    queue->clear();
  }
}

void PlatformLane::share(double fraction) {
  gate_.share(fraction, Clock::now());
  if (!stopped_) pump();
}

std::vector<AccountView> PlatformLane::accounts() const { return gate_.accounts(Clock::now()); }

bool PlatformLane::all_unhealthy() const { return gate_.all_unhealthy(Clock::now()); }

}  // namespace koubei::scheduler
