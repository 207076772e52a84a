#pragma once
// PlatformGate: may one more request go to a platform now, and with which account? The
// politeness rules of issue 8 §3-4 in one sans-IO place:
// - the platform's token bucket (rate, burst) and its concurrency cap;
// - each account's own bucket (its configured rate/burst, else the platform's) and health
//   (AccountHealth: cool-downs, unhealthy accounts);
// - accounts are rotated: the usable account idle the longest goes first;
// - a platform Retry-After blocks the platform bucket; an anti-bot answer cools that account
//   only, so other accounts keep working (guarantees §9).
//
// acquire() either grants (and counts the request in flight) or says how long to wait and why;
// every grant must be followed by exactly one release() with the request's outcome.
// Sans-IO: every call takes `now`. Thread safety: none (scheduler strand).

#include "config/config.hpp"
#include "scheduler/core/account_health.hpp"
#include "scheduler/core/clock.hpp"
#include "scheduler/core/outcome.hpp"
#include "scheduler/core/token_bucket.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace koubei::scheduler {

struct Grant {
  std::size_t account = 0;  ///< index into the platform's accounts (config order)
};

enum class WaitReason : std::uint8_t {
  kConcurrency,     ///< the concurrency cap is reached: wait for a release
  kPlatformBudget,  ///< the platform bucket is empty
  kAccountBudget,   ///< every healthy account's bucket is empty
  kCoolingDown,     ///< every account is cooling down
  kNoHealthyAccount,  ///< every account is unhealthy for good (login): needs a new cookie
  kSharedBudget,    ///< shared budgets: no credit left; ask the shared store (credit_ask())
};

std::string_view to_string(WaitReason r);

struct Wait {
  WaitReason reason = WaitReason::kConcurrency;
  /// How long until acquire() could grant; nullopt when only a release (or a reload) can help.
  std::optional<Duration> retry_in;
};

struct AccountView {
  std::string name;
  AccountState state = AccountState::kHealthy;
  std::string reason;
  std::uint32_t in_flight = 0;
  TimePoint available_at{};  ///< cooling down until then (≤ now when usable)
};

/// What to ask the shared budgets for (after acquire() waited with kSharedBudget).
struct CreditAsk {
  std::vector<std::size_t> candidates;  ///< usable accounts, the one idle the longest first
  std::uint32_t want = 1;
};

class PlatformGate {
 public:
  /// An empty account list means one anonymous account named "default".
  PlatformGate(const config::PlatformConfig& config, TimePoint now, CooldownPolicy cooldowns = {});

  std::variant<Grant, Wait> acquire(TimePoint now);

  /// The granted request finished with `outcome` (Retry-After if the platform sent one).
  void release(const Grant& grant, Outcome outcome, TimePoint now,
               std::optional<Duration> retry_after = {});

  /// Runs this gate at `fraction` (0 < fraction <= 1) of the configured rates: the platform's and
  /// every account's rate times fraction, bursts likewise (at least 1). N daemons sharing the
  /// jobs each take 1/N, so together they stay within what one configuration allows.
  void share(double fraction, TimePoint now);
  double share() const { return share_; }

  // Shared budgets (issue 10 §2): the platform's and accounts' token buckets live in a store all
  // daemons share. The gate then spends credits taken from it, one credit being one platform
  // token plus one token of that account: acquire() grants only against a live credit and waits
  // with kSharedBudget when none is left, and the caller asks the store (credit_ask()) and hands
  // the answer back (add_credits(), peer_block()). Credits expire (a short while, see add_credits)
  // so that credits nobody used do not turn into a burst later. While the store cannot be reached
  // (budgets_unavailable()) the gate's own buckets serve, at share() of the rates.
  void use_shared_budgets() { shared_budgets_ = true; }
  bool shared_budgets() const { return shared_budgets_; }
  /// Shared budgets in use now (false while falling back to the gate's own buckets).
  bool shared_budgets_now(TimePoint now) const { return shared_budgets_ && now >= local_until_; }
  /// `waiters` requests wait: ask for that many credits, at most ~20 ms of the slowest rate.
  CreditAsk credit_ask(TimePoint now, std::size_t waiters) const;
  void add_credits(std::size_t account, std::uint32_t count, TimePoint now);
  /// The shared store says `account` is blocked until `until` (a cool-down any daemon reported).
  void peer_block(std::size_t account, TimePoint until, const std::string& reason);
  /// The shared store failed: the gate's own buckets until `until`.
  void budgets_unavailable(TimePoint until) { local_until_ = until; }

  std::uint32_t in_flight() const { return in_flight_; }
  std::vector<AccountView> accounts(TimePoint now) const;
  /// Every account unhealthy: the platform is down for koubei (/healthz says 503).
  bool all_unhealthy(TimePoint now) const;

 private:
  struct Account {
    std::string name;
    TokenBucket bucket;
    config::Rate rate;      ///< as configured (share() scales from here)
    std::uint32_t burst = 1;
    AccountHealth health;
    std::uint64_t last_used = 0;  ///< grant sequence number; 0 = never used
    std::uint32_t in_flight = 0;
    std::uint32_t credits = 0;      ///< shared budgets: tokens taken from the store, unspent
    TimePoint credits_expire{};
  };

  std::variant<Grant, Wait> acquire_shared(TimePoint now);
  Wait wait_for_accounts(bool any_recoverable, std::optional<Duration> soonest_budget,
                         std::optional<Duration> soonest_cool) const;

  TokenBucket platform_bucket_;
  config::Rate platform_rate_;
  std::uint32_t platform_burst_ = 1;
  double share_ = 1.0;
  std::uint32_t concurrency_;
  std::uint32_t in_flight_ = 0;
  std::uint64_t grants_ = 0;
  std::vector<Account> accounts_;
  bool shared_budgets_ = false;
  TimePoint local_until_{};
};

}  // namespace koubei::scheduler
