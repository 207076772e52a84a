#include "scheduler/core/platform_gate.hpp"

#include <algorithm>

namespace koubei::scheduler {

std::string_view to_string(WaitReason r) {
  switch (r) {
    case WaitReason::kConcurrency: return "concurrency";
    case WaitReason::kPlatformBudget: return "platform_budget";
    case WaitReason::kAccountBudget: return "account_budget";
    case WaitReason::kCoolingDown: return "cooling_down";
    case WaitReason::kNoHealthyAccount: return "no_healthy_account";
    case WaitReason::kSharedBudget: return "shared_budget";
  }
  return "unknown";
}

PlatformGate::PlatformGate(const config::PlatformConfig& config, TimePoint now,
                           CooldownPolicy cooldowns)
    : platform_bucket_(config.rate, config.burst, now),
      platform_rate_(config.rate),
      platform_burst_(config.burst),
      concurrency_(std::max<std::uint32_t>(config.concurrency, 1)) {
  for (const auto& a : config.accounts) {
    const config::Rate rate = a.rate.value_or(config.rate);
    const std::uint32_t burst = a.burst.value_or(config.burst);
    accounts_.push_back(
        Account{a.name, TokenBucket(rate, burst, now), rate, burst, AccountHealth(cooldowns)});
  }
  if (accounts_.empty()) {
    accounts_.push_back(Account{"default", TokenBucket(config.rate, config.burst, now), config.rate,
                                config.burst, AccountHealth(cooldowns)});
  }
}

namespace {

struct AccountScan {
  bool any_recoverable = false;  ///< some account can be used again by waiting
  std::optional<Duration> soonest_cool;  ///< until the first cooling account can
};

// Calls usable(i) for each account usable at `now`, in configuration order; the scan says
// whether waiting can help at all, and how long until the first cooling account may be used.
template <class Accounts, class Fn>
AccountScan scan_accounts(const Accounts& accounts, TimePoint now, Fn usable) {
  AccountScan scan;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const auto& a = accounts[i];
    if (a.health.needs_new_credentials()) continue;
    scan.any_recoverable = true;
    if (!a.health.usable(now)) {
      auto wait = std::chrono::duration_cast<Duration>(a.health.available_at() - now);
      scan.soonest_cool = scan.soonest_cool ? std::min(*scan.soonest_cool, wait) : wait;
      continue;
    }
    usable(i);
  }
  return scan;
}

config::Rate scaled(config::Rate rate, double fraction) {
  rate.count *= fraction;
  return rate;
}

std::uint32_t scaled(std::uint32_t burst, double fraction) {
  return std::max<std::uint32_t>(1, static_cast<std::uint32_t>(static_cast<double>(burst) * fraction));
}

}  // namespace

void PlatformGate::share(double fraction, TimePoint now) {
  fraction = std::clamp(fraction, 1e-6, 1.0);
  if (fraction == share_) return;
  share_ = fraction;
  platform_bucket_.reconfigure(scaled(platform_rate_, fraction), scaled(platform_burst_, fraction), now);
  for (auto& a : accounts_) a.bucket.reconfigure(scaled(a.rate, fraction), scaled(a.burst, fraction), now);
}

Wait PlatformGate::wait_for_accounts(bool any_recoverable, std::optional<Duration> soonest_budget,
                                     std::optional<Duration> soonest_cool) const {
  if (!any_recoverable) return Wait{WaitReason::kNoHealthyAccount, std::nullopt};
  if (soonest_budget && (!soonest_cool || *soonest_budget <= *soonest_cool)) {
    return Wait{WaitReason::kAccountBudget, soonest_budget};
  }
  return Wait{WaitReason::kCoolingDown, soonest_cool};
}

std::variant<Grant, Wait> PlatformGate::acquire(TimePoint now) {
  if (in_flight_ >= concurrency_) return Wait{WaitReason::kConcurrency, std::nullopt};
  if (shared_budgets_now(now)) return acquire_shared(now);

  // Pick the usable account idle the longest; remember the soonest any other becomes usable.
  std::optional<std::size_t> best;
  std::optional<Duration> soonest_budget;
  const AccountScan scan = scan_accounts(accounts_, now, [&](std::size_t i) {
    auto& a = accounts_[i];
    Duration budget = a.bucket.wait_time(now);
    if (budget > Duration::zero()) {
      soonest_budget = soonest_budget ? std::min(*soonest_budget, budget) : budget;
      return;
    }
    if (!best || a.last_used < accounts_[*best].last_used) best = i;
  });
  if (!best) return wait_for_accounts(scan.any_recoverable, soonest_budget, scan.soonest_cool);
  if (Duration w = platform_bucket_.wait_time(now); w > Duration::zero()) {
    return Wait{WaitReason::kPlatformBudget, w};
  }

  auto& chosen = accounts_[*best];
  bool took_platform = platform_bucket_.try_take(now);
  bool took_account = chosen.bucket.try_take(now);
  // Both were checked just above at the same `now`; a failure here would be a bucket bug.
  if (!took_platform || !took_account) return Wait{WaitReason::kPlatformBudget, Duration{1}};
  chosen.last_used = ++grants_;
  ++chosen.in_flight;
  ++in_flight_;
  return Grant{*best};
}

std::variant<Grant, Wait> PlatformGate::acquire_shared(TimePoint now) {
  // The same choice as with local buckets, but a usable account without a live credit means
  // "ask the store", not "wait for a refill".
  std::optional<std::size_t> best;
  bool any_usable = false;
  const AccountScan scan = scan_accounts(accounts_, now, [&](std::size_t i) {
    any_usable = true;
    auto& a = accounts_[i];
    if (a.credits == 0 || now >= a.credits_expire) return;
    if (!best || a.last_used < accounts_[*best].last_used) best = i;
  });
  if (!best) {
    if (any_usable) return Wait{WaitReason::kSharedBudget, std::nullopt};
    return wait_for_accounts(scan.any_recoverable, std::nullopt, scan.soonest_cool);
  }
  auto& chosen = accounts_[*best];
  --chosen.credits;
  chosen.last_used = ++grants_;
  ++chosen.in_flight;
  ++in_flight_;
  return Grant{*best};
}

CreditAsk PlatformGate::credit_ask(TimePoint now, std::size_t waiters) const {
  CreditAsk ask;
  for (std::size_t i = 0; i < accounts_.size(); ++i) {
    if (accounts_[i].health.usable(now)) ask.candidates.push_back(i);
  }
  std::stable_sort(ask.candidates.begin(), ask.candidates.end(), [&](std::size_t x, std::size_t y) {
    return accounts_[x].last_used < accounts_[y].last_used;
  });
  // At most ~20 ms of the slowest bucket's rate and its burst: at the rates platforms allow
  // (a few per second) that is one credit per ask, so no credit waits unspent.
  double per_second = platform_rate_.per_second();
  std::uint32_t burst = platform_burst_;
  for (std::size_t i : ask.candidates) {
    per_second = std::min(per_second, accounts_[i].rate.per_second());
    burst = std::min(burst, accounts_[i].burst);
  }
  const auto chunk = static_cast<std::uint32_t>(std::max(1.0, per_second * 0.02));
  const auto room = concurrency_ > in_flight_ ? concurrency_ - in_flight_ : 1;
  ask.want = static_cast<std::uint32_t>(
      std::clamp<std::size_t>(waiters, 1, std::min({chunk, std::max<std::uint32_t>(burst, 1), room})));
  return ask;
}

void PlatformGate::add_credits(std::size_t account, std::uint32_t count, TimePoint now) {
  if (account >= accounts_.size() || count == 0) return;
  auto& a = accounts_[account];
  if (now >= a.credits_expire) a.credits = 0;
  a.credits += count;
  // Spent at once by the requests that asked for them; kept at most twice the time the bucket
  // would take to refill them (and 50 ms), so a credit left over never adds to a later burst.
  const double per_second = std::min(platform_rate_.per_second(), a.rate.per_second());
  const auto keep = std::chrono::duration_cast<Duration>(
      std::chrono::duration<double>(2.0 * static_cast<double>(a.credits) / per_second));
  a.credits_expire = now + std::max<Duration>(keep, std::chrono::milliseconds(50));
}

void PlatformGate::peer_block(std::size_t account, TimePoint until, const std::string& reason) {
  if (account >= accounts_.size()) return;
  accounts_[account].health.hold_until(until, reason);
  accounts_[account].credits = 0;
}

void PlatformGate::release(const Grant& grant, Outcome outcome, TimePoint now,
                           std::optional<Duration> retry_after) {
  if (grant.account >= accounts_.size()) return;
  auto& a = accounts_[grant.account];
  if (a.in_flight > 0) --a.in_flight;
  if (in_flight_ > 0) --in_flight_;
  a.health.on_outcome(outcome, now, retry_after);
  // A Retry-After on a rate limit is the platform speaking about this client as a whole.
  if (retry_after && outcome == Outcome::kRateLimited) platform_bucket_.block_until(now + *retry_after);
}

std::vector<AccountView> PlatformGate::accounts(TimePoint now) const {
  std::vector<AccountView> out;
  out.reserve(accounts_.size());
  for (const auto& a : accounts_) {
    out.push_back(AccountView{a.name, a.health.state(now), a.health.reason(), a.in_flight,
                              a.health.available_at()});
  }
  return out;
}

bool PlatformGate::all_unhealthy(TimePoint now) const {
  return std::all_of(accounts_.begin(), accounts_.end(), [&](const Account& a) {
    return a.health.state(now) == AccountState::kUnhealthy;
  });
}

}  // namespace koubei::scheduler
