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
  };

  TokenBucket platform_bucket_;
  config::Rate platform_rate_;
  std::uint32_t platform_burst_ = 1;
  double share_ = 1.0;
  std::uint32_t concurrency_;
  std::uint32_t in_flight_ = 0;
  std::uint64_t grants_ = 0;
  std::vector<Account> accounts_;
};

}  // namespace koubei::scheduler
