#pragma once
// AccountHealth: what the anti-bot answers of one account (cookie + proxy) say about using it.
//
// Policy (issue 8 §4, guarantees §9)
// - A block answer (rate limit, captcha, login, signature) cools the account down for
//   base(kind) · 2^(strikes−1), capped at `max_cooldown`, or for the platform's Retry-After when
//   that is longer. Consecutive blocks escalate; any ok/empty answer clears the strikes.
// - `unhealthy_after` consecutive captcha or login answers mark the account unhealthy with the
//   exact reason. Login: it stays unhealthy until reset() (a reload brings a new cookie), since
//   retrying a dead cookie only draws attention. Captcha: it is probed again after `max_cooldown`,
//   because some challenges clear on their own; an ok answer makes it healthy again.
// - Other outcomes (transient, not found, unrecognized) say nothing about the account.
//
// Sans-IO: every call takes `now`. Thread safety: none (scheduler strand).

#include "config/units.hpp"
#include "scheduler/core/clock.hpp"
#include "scheduler/core/outcome.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace koubei::scheduler {

struct CooldownPolicy {
  config::Duration rate_limited{60'000};       ///< first cool-down after a rate limit
  config::Duration captcha{10 * 60'000};       ///< first cool-down after a captcha
  config::Duration login{30 * 60'000};         ///< first cool-down after a login answer
  config::Duration signature{5 * 60'000};      ///< first cool-down after a rejected signature
  config::Duration max_cooldown{6 * 3600'000};  ///< no cool-down longer than this
  std::uint32_t unhealthy_after = 3;           ///< consecutive captcha/login answers
};

enum class AccountState : std::uint8_t { kHealthy, kCoolingDown, kUnhealthy };

std::string_view to_string(AccountState s);

class AccountHealth {
 public:
  explicit AccountHealth(CooldownPolicy policy = {}) : policy_(policy) {}

  /// Records the outcome of a request made with this account at `now`.
  void on_outcome(Outcome outcome, TimePoint now, std::optional<Duration> retry_after = {});

  /// May a request be sent with this account at `now`?
  bool usable(TimePoint now) const;
  AccountState state(TimePoint now) const;
  /// Earliest time the account may be used again (a time ≤ now when usable).
  TimePoint available_at() const { return available_at_; }
  /// Why it is cooling down or unhealthy, e.g. "captcha ×3 in a row"; "" when healthy.
  const std::string& reason() const { return reason_; }
  std::uint32_t strikes() const { return strikes_; }
  /// Unhealthy until reset(): waiting cannot help, only new credentials can.
  bool needs_new_credentials() const { return sticky_; }

  /// Another daemon reported this account blocked until `until` (shared budgets): not used before
  /// then, with its reason. Extends, never shortens, a cool-down of this daemon's own.
  void hold_until(TimePoint until, const std::string& reason);

  /// Forget the history (new cookie after a configuration reload).
  void reset();

 private:
  Duration base_for(Outcome o) const;

  CooldownPolicy policy_;
  std::uint32_t strikes_ = 0;     ///< consecutive block answers
  std::uint32_t hard_strikes_ = 0;  ///< consecutive captcha/login answers
  bool unhealthy_ = false;
  bool sticky_ = false;  ///< unhealthy until reset() (login)
  TimePoint available_at_{};
  std::string reason_;
};

}  // namespace koubei::scheduler
