#include "scheduler/core/account_health.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using koubei::scheduler::AccountHealth;
using koubei::scheduler::AccountState;
using koubei::scheduler::CooldownPolicy;
using koubei::scheduler::Outcome;
using koubei::scheduler::TimePoint;

namespace {
CooldownPolicy policy() {
  CooldownPolicy p;
  p.rate_limited = 1min;
  p.captcha = 10min;
  p.login = 30min;
  p.max_cooldown = 6h;
  p.unhealthy_after = 3;
  return p;
}
}  // namespace

TEST_CASE("rate limits cool an account down with escalation", "[scheduler][health]") {
  AccountHealth h(policy());
  TimePoint t0{};
  h.on_outcome(Outcome::kRateLimited, t0);
  CHECK(h.state(t0) == AccountState::kCoolingDown);
  CHECK(h.available_at() == t0 + 1min);
  CHECK_FALSE(h.usable(t0 + 59s));
  CHECK(h.usable(t0 + 1min));
  h.on_outcome(Outcome::kRateLimited, t0 + 1min);
  CHECK(h.available_at() == t0 + 1min + 2min);
  h.on_outcome(Outcome::kRateLimited, t0 + 3min);
  CHECK(h.available_at() == t0 + 3min + 4min);
  CHECK(h.reason() == "rate_limited ×3 in a row");
  CHECK(h.state(t0 + 7min) == AccountState::kHealthy);  // rate limits never make it unhealthy
}

TEST_CASE("an ok answer clears the strikes", "[scheduler][health]") {
  AccountHealth h(policy());
  TimePoint t0{};
  h.on_outcome(Outcome::kRateLimited, t0);
  h.on_outcome(Outcome::kOk, t0 + 2min);
  CHECK(h.strikes() == 0);
  h.on_outcome(Outcome::kRateLimited, t0 + 3min);
  CHECK(h.available_at() == t0 + 4min);
}

TEST_CASE("Retry-After longer than the cool-down wins, capped at the maximum", "[scheduler][health]") {
  AccountHealth h(policy());
  TimePoint t0{};
  h.on_outcome(Outcome::kRateLimited, t0, 15min);
  CHECK(h.available_at() == t0 + 15min);
  AccountHealth h2(policy());
  h2.on_outcome(Outcome::kRateLimited, t0, 48h);
  CHECK(h2.available_at() == t0 + 6h);
}

TEST_CASE("repeated login answers make an account unhealthy until reset", "[scheduler][health]") {
  AccountHealth h(policy());
  TimePoint t = TimePoint{};
  for (int i = 0; i < 3; ++i) {
    h.on_outcome(Outcome::kLoginRequired, t);
    t = h.available_at();
  }
  CHECK(h.state(t) == AccountState::kUnhealthy);
  CHECK_FALSE(h.usable(t + 100h));
  CHECK(h.reason().find("login_required ×3") == 0);
  CHECK(h.reason().find("replace it") != std::string::npos);
  h.on_outcome(Outcome::kOk, t);  // a late answer of an old request changes nothing
  CHECK(h.state(t) == AccountState::kUnhealthy);
  h.reset();
  CHECK(h.usable(t));
  CHECK(h.state(t) == AccountState::kHealthy);
}

TEST_CASE("repeated captchas make an account unhealthy but it is probed later", "[scheduler][health]") {
  AccountHealth h(policy());
  TimePoint t{};
  for (int i = 0; i < 3; ++i) {
    h.on_outcome(Outcome::kCaptcha, t);
    t = h.available_at();
  }
  CHECK(h.state(t - 1s) == AccountState::kUnhealthy);
  CHECK(h.usable(t));
  h.on_outcome(Outcome::kOk, t);
  CHECK(h.state(t) == AccountState::kHealthy);
  CHECK(h.reason().empty());
}

TEST_CASE("a rate limit between captchas breaks the unhealthy streak", "[scheduler][health]") {
  AccountHealth h(policy());
  TimePoint t{};
  h.on_outcome(Outcome::kCaptcha, t);
  h.on_outcome(Outcome::kCaptcha, t);
  h.on_outcome(Outcome::kRateLimited, t);
  h.on_outcome(Outcome::kCaptcha, t);
  CHECK(h.state(t) == AccountState::kCoolingDown);
}

TEST_CASE("transient and not-found outcomes say nothing about the account", "[scheduler][health]") {
  AccountHealth h(policy());
  TimePoint t{};
  h.on_outcome(Outcome::kTransient, t);
  h.on_outcome(Outcome::kNotFound, t);
  h.on_outcome(Outcome::kUnrecognized, t);
  CHECK(h.usable(t));
  CHECK(h.strikes() == 0);
}
