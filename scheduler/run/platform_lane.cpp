#include "scheduler/run/platform_lane.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/as_tuple.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>

namespace koubei::scheduler {

namespace asio = boost::asio;

namespace {

/// Buckets nobody touched for this long are dropped from the store (a full bucket says the same).
constexpr std::int64_t kBudgetIdleTtlMs = 10 * 60'000;
/// After a failed call to the shared budgets, the gate's own buckets serve this long.
constexpr auto kLocalAfterFailure = std::chrono::seconds(1);

}  // namespace

std::string budget_bucket_name(const std::string& account, const config::Secret& cookie) {
  if (cookie.empty()) return account;
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : cookie.reveal()) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char hex[13];
  std::snprintf(hex, sizeof hex, "%012llx", static_cast<unsigned long long>(h >> 16));
  return account + "#" + hex;
}

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
  // The shared budgets' request, all but the candidates and the count: full configured rates
  // (the store's buckets are the whole budget of all daemons together).
  budget_request_.platform = std::string(config::to_string(platform));
  budget_request_.platform_rate = {config.rate.per_second(), static_cast<double>(config.burst)};
  budget_request_.idle_ttl_ms = kBudgetIdleTtlMs;
  if (config.accounts.empty()) budget_request_.accounts.push_back({"default", budget_request_.platform_rate});
  for (const auto& a : config.accounts) {
    const config::Rate rate = a.rate.value_or(config.rate);
    budget_request_.accounts.push_back(
        {budget_bucket_name(a.name, a.cookie),
         {rate.per_second(), static_cast<double>(a.burst.value_or(config.burst))}});
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
  if (link_.take) report(grant, outcome, before, after, retry_after, now);
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
    if (wait.reason == WaitReason::kSharedBudget) {
      if (!asking_) ask_for_credits(now);
    } else if (wait.retry_in) {
      wake_at(now + *wait.retry_in);
    }
    return;  // a release(), the wake timer or the shared store's answer pumps again
  }
}

void PlatformLane::wake_at(TimePoint at) {
  if (wake_at_ && at >= *wake_at_) return;
  wake_at_ = at;
  wake_.expires_at(at);
  wake_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // rescheduled or stopped
    wake_at_.reset();
    pump();
  });
}

void PlatformLane::use_shared_budgets(SharedBudgetLink link) {
  link_ = std::move(link);
  gate_.use_shared_budgets();
}

std::string_view PlatformLane::budgets() const {
  if (!gate_.shared_budgets()) return "local";
  return gate_.shared_budgets_now(Clock::now()) ? "shared" : "local (shared budgets unreachable)";
}

void PlatformLane::ask_for_credits(TimePoint now) {
  CreditAsk ask = gate_.credit_ask(now, waiting());
  storage::BudgetTake request = budget_request_;
  request.candidates = std::move(ask.candidates);
  request.want = ask.want;
  asking_ = true;
  ++budget_calls_;
  link_.take(std::move(request), [this](Result<storage::BudgetGrant> answer) {
    on_credits(std::move(answer));
  });
}

void PlatformLane::on_credits(Result<storage::BudgetGrant> answer) {
  asking_ = false;
  if (stopped_) return;
  const TimePoint now = Clock::now();
  if (!answer) {
    ++budget_errors_;
    if (!budget_warned_) {
      spdlog::warn("{}: shared budgets: {}; this daemon uses its own buckets at {:.0f}% of the "
                   "configured rates until the store answers again",
                   config::to_string(platform_), answer.error().message(), 100 * gate_.share());
    }
    budget_warned_ = true;
    gate_.budgets_unavailable(now + kLocalAfterFailure);
    wake_at(now + kLocalAfterFailure);
    pump();
    return;
  }
  if (budget_warned_) spdlog::info("{}: shared budgets reachable again", config::to_string(platform_));
  budget_warned_ = false;
  for (const auto& b : answer->blocked) {
    gate_.peer_block(b.account, now + std::chrono::milliseconds(b.remaining_ms),
                     b.reason.empty() ? b.state : b.reason);
  }
  if (answer->account) {
    gate_.add_credits(*answer->account, answer->count, now);
  } else {
    wake_at(now + std::chrono::milliseconds(std::max<std::int64_t>(1, answer->wait_ms)));
  }
  pump();
}

void PlatformLane::report(const Grant& grant, Outcome outcome, AccountState before,
                          const AccountView& after, std::optional<Duration> retry_after,
                          TimePoint now) {
  const std::string& bucket = budget_request_.accounts.at(grant.account).name;
  if (is_block(outcome) && after.available_at > now) {
    const auto for_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(after.available_at - now).count();
    link_.block(bucket, for_ms, std::string(to_string(after.state)), after.reason);
  } else if (after.state == AccountState::kHealthy && before == AccountState::kUnhealthy) {
    link_.clear(bucket);
  }
  // A Retry-After on a rate limit is the platform speaking about the client as a whole.
  if (retry_after && outcome == Outcome::kRateLimited) {
    link_.block("", std::chrono::duration_cast<std::chrono::milliseconds>(*retry_after).count(),
                "cooling_down", "Retry-After");
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
