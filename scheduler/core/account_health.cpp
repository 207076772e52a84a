#include "scheduler/core/account_health.hpp"

#include "scheduler/core/backoff.hpp"

#include <algorithm>

namespace koubei::scheduler {

std::string_view to_string(AccountState s) {
  switch (s) {
    case AccountState::kHealthy: return "healthy";
    case AccountState::kCoolingDown: return "cooling_down";
    case AccountState::kUnhealthy: return "unhealthy";
  }
  return "unknown";
}

Duration AccountHealth::base_for(Outcome o) const {
  switch (o) {
    case Outcome::kCaptcha: return policy_.captcha;
    case Outcome::kLoginRequired: return policy_.login;
    case Outcome::kSignatureRejected: return policy_.signature;
    default: return policy_.rate_limited;
  }
}

void AccountHealth::on_outcome(Outcome outcome, TimePoint now, std::optional<Duration> retry_after) {
  if (outcome == Outcome::kOk || outcome == Outcome::kEmpty) {
    if (!sticky_) {
      strikes_ = 0;
      hard_strikes_ = 0;
      unhealthy_ = false;
      reason_.clear();
    }
    return;
  }
  if (!is_block(outcome)) return;

  ++strikes_;
  bool hard = outcome == Outcome::kCaptcha || outcome == Outcome::kLoginRequired;
  hard_strikes_ = hard ? hard_strikes_ + 1 : 0;

  // The same doubling as retry backoff, without jitter: a cool-down must be predictable to report.
  BackoffPolicy escalation{base_for(outcome), policy_.max_cooldown, 0};
  Duration cooldown = backoff_ceiling(escalation, strikes_ - 1);
  if (retry_after && *retry_after > cooldown) cooldown = std::min(*retry_after, policy_.max_cooldown);
  available_at_ = std::max(available_at_, now + cooldown);

  reason_ = std::string(to_string(outcome)) + " ×" + std::to_string(strikes_) + " in a row";
  if (hard_strikes_ >= policy_.unhealthy_after) {
    unhealthy_ = true;
    sticky_ = sticky_ || outcome == Outcome::kLoginRequired;
    if (!sticky_) available_at_ = std::max(available_at_, now + policy_.max_cooldown);
    reason_ += sticky_ ? " (cookie rejected: replace it and reload)" : " (probing again later)";
  }
}

bool AccountHealth::usable(TimePoint now) const { return !sticky_ && now >= available_at_; }

AccountState AccountHealth::state(TimePoint now) const {
  if (unhealthy_) return AccountState::kUnhealthy;
  return now < available_at_ ? AccountState::kCoolingDown : AccountState::kHealthy;
}

void AccountHealth::hold_until(TimePoint until, const std::string& reason) {
  if (until <= available_at_) return;
  available_at_ = until;
  if (!unhealthy_) reason_ = reason;
}

void AccountHealth::reset() { *this = AccountHealth(policy_); }

}  // namespace koubei::scheduler
