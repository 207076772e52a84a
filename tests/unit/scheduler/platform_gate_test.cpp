#include "scheduler/core/platform_gate.hpp"

#include <catch2/catch.hpp>
#include <variant>

using namespace std::chrono_literals;
using koubei::config::AccountConfig;
using koubei::config::PlatformConfig;
using koubei::config::Rate;
using namespace koubei::scheduler;

namespace {
PlatformConfig platform(int accounts, Rate rate = Rate{10, 1s}, std::uint32_t burst = 10,
                        std::uint32_t concurrency = 4) {
  PlatformConfig p;
  p.rate = rate;
  p.burst = burst;
  p.concurrency = concurrency;
  for (int i = 0; i < accounts; ++i) {
    AccountConfig a;
    a.name = "acct" + std::to_string(i);
    p.accounts.push_back(a);
  }
  return p;
}

Grant grant(std::variant<Grant, Wait> v) {
  REQUIRE(std::holds_alternative<Grant>(v));
  return std::get<Grant>(v);
}

Wait wait(std::variant<Grant, Wait> v) {
  REQUIRE(std::holds_alternative<Wait>(v));
  return std::get<Wait>(v);
}
}  // namespace

TEST_CASE("gate without accounts uses one default account", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(0), t);
  REQUIRE(gate.accounts(t).size() == 1);
  CHECK(gate.accounts(t)[0].name == "default");
  CHECK(grant(gate.acquire(t)).account == 0);
}

TEST_CASE("gate rotates accounts, least recently used first", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(3), t);
  auto a = grant(gate.acquire(t));
  auto b = grant(gate.acquire(t + 1ms));
  auto c = grant(gate.acquire(t + 2ms));
  CHECK(a.account == 0);
  CHECK(b.account == 1);
  CHECK(c.account == 2);
  gate.release(a, Outcome::kOk, t + 3ms);
  CHECK(grant(gate.acquire(t + 4ms)).account == 0);
}

TEST_CASE("gate holds the concurrency cap until a release", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(1, Rate{100, 1s}, 100, 2), t);
  auto a = grant(gate.acquire(t));
  grant(gate.acquire(t));
  auto w = wait(gate.acquire(t));
  CHECK(w.reason == WaitReason::kConcurrency);
  CHECK_FALSE(w.retry_in.has_value());
  gate.release(a, Outcome::kOk, t);
  grant(gate.acquire(t));
}

TEST_CASE("gate paces at the platform rate", "[scheduler][gate]") {
  TimePoint t{};
  PlatformConfig p = platform(2, Rate{1, 1s}, 1, 10);
  PlatformGate gate(p, t);
  auto g = grant(gate.acquire(t));
  gate.release(g, Outcome::kOk, t);
  auto w = wait(gate.acquire(t));
  CHECK(w.reason == WaitReason::kPlatformBudget);
  CHECK(w.retry_in == 1s);
  grant(gate.acquire(t + 1s));
}

TEST_CASE("per-account buckets pace each account", "[scheduler][gate]") {
  TimePoint t{};
  PlatformConfig p = platform(2, Rate{100, 1s}, 100, 10);
  p.accounts[0].rate = Rate{1, 10s};
  p.accounts[0].burst = 1;
  p.accounts[1].rate = Rate{1, 10s};
  p.accounts[1].burst = 1;
  PlatformGate gate(p, t);
  grant(gate.acquire(t));
  grant(gate.acquire(t));
  auto w = wait(gate.acquire(t));
  CHECK(w.reason == WaitReason::kAccountBudget);
  CHECK(w.retry_in == 10s);
}

TEST_CASE("a blocked account cools down while the others keep working", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(2), t);
  auto a = grant(gate.acquire(t));
  gate.release(a, Outcome::kCaptcha, t);
  for (int i = 0; i < 3; ++i) {
    auto g = grant(gate.acquire(t + std::chrono::seconds(i + 1)));
    CHECK(g.account != a.account);
    gate.release(g, Outcome::kOk, t + std::chrono::seconds(i + 1));
  }
  auto view = gate.accounts(t + 5s);
  CHECK(view[a.account].state == AccountState::kCoolingDown);
  CHECK(view[a.account].reason == "captcha ×1 in a row");
}

TEST_CASE("all accounts cooling down: wait for the first to recover", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(2), t);
  auto a = grant(gate.acquire(t));
  auto b = grant(gate.acquire(t));
  gate.release(a, Outcome::kRateLimited, t);
  gate.release(b, Outcome::kCaptcha, t);
  auto w = wait(gate.acquire(t + 1s));
  CHECK(w.reason == WaitReason::kCoolingDown);
  CHECK(w.retry_in == 59s);  // the rate-limited one: 1 min default cool-down
}

TEST_CASE("accounts whose cookies were rejected need a reload", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(1), t);
  for (int i = 0; i < 3; ++i) {
    auto g = grant(gate.acquire(t));
    gate.release(g, Outcome::kLoginRequired, t);
    t = t + 24h;
  }
  auto w = wait(gate.acquire(t));
  CHECK(w.reason == WaitReason::kNoHealthyAccount);
  CHECK(gate.all_unhealthy(t));
}

TEST_CASE("a Retry-After on a rate limit pauses the whole platform", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(2), t);
  auto a = grant(gate.acquire(t));
  gate.release(a, Outcome::kRateLimited, t, 30s);
  auto w = wait(gate.acquire(t + 1s));
  CHECK(w.reason == WaitReason::kPlatformBudget);
  CHECK(w.retry_in > 29s);
}

TEST_CASE("a gate's share scales every bucket: three daemons together stay within one budget",
          "[scheduler][gate]") {
  auto count_grants = [](double fraction) {
    TimePoint t{};
    PlatformGate gate(platform(2, Rate{10, 1s}, 10, 100), t);
    gate.share(fraction, t);
    int grants = 0;
    for (int ms = 0; ms <= 30'000; ms += 10) {
      const TimePoint now = t + std::chrono::milliseconds(ms);
      while (true) {
        auto v = gate.acquire(now);
        if (!std::holds_alternative<Grant>(v)) break;
        gate.release(std::get<Grant>(v), Outcome::kOk, now);
        ++grants;
      }
    }
    return grants;
  };
  const int whole = count_grants(1.0);
  const int third = count_grants(1.0 / 3);
  CHECK(whole >= 300);
  CHECK(whole <= 10 * 30 + 10);
  // rate 10/3 per second and a burst of 3 over 30 s.
  CHECK(third >= 95);
  CHECK(third <= 100 + 3 + 1);
  CHECK(3 * third <= whole + 10);
}

TEST_CASE("gate with shared budgets grants only against credits from the store", "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(3, Rate{4, 1s}, 2, 4), t);
  gate.use_shared_budgets();
  // No credit: the local buckets (full) do not count; ask the store.
  CHECK(wait(gate.acquire(t)).reason == WaitReason::kSharedBudget);
  CreditAsk ask = gate.credit_ask(t, 3);
  CHECK(ask.candidates == std::vector<std::size_t>{0, 1, 2});
  CHECK(ask.want == 1);  // 4/s: one credit an ask, none left over

  gate.add_credits(1, 1, t);
  CHECK(grant(gate.acquire(t)).account == 1);
  CHECK(wait(gate.acquire(t)).reason == WaitReason::kSharedBudget);
  // The account just used goes last among the candidates.
  CHECK(gate.credit_ask(t, 1).candidates == std::vector<std::size_t>{0, 2, 1});

  // A credit left unspent expires (2 / 4 per second = 500 ms), so it never adds to a later burst.
  gate.add_credits(0, 1, t);
  CHECK(wait(gate.acquire(t + 501ms)).reason == WaitReason::kSharedBudget);
}

TEST_CASE("gate with shared budgets mirrors a peer's cool-down and falls back to its own buckets",
          "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(2, Rate{4, 1s}, 2, 4), t);
  gate.use_shared_budgets();
  gate.add_credits(0, 1, t);
  gate.peer_block(0, t + 60s, "captcha ×3 in a row (probing again later)");
  // The credit is gone with the block, and the account is no candidate until the block ends.
  CHECK(wait(gate.acquire(t)).reason == WaitReason::kSharedBudget);
  CHECK(gate.credit_ask(t, 1).candidates == std::vector<std::size_t>{1});
  CHECK(gate.accounts(t)[0].state == AccountState::kCoolingDown);
  CHECK(gate.accounts(t)[0].reason == "captcha ×3 in a row (probing again later)");
  CHECK(gate.credit_ask(t + 60s, 1).candidates == std::vector<std::size_t>{0, 1});

  // The store cannot be reached: the gate's own buckets (at its share) serve until told.
  gate.share(0.5, t);
  gate.budgets_unavailable(t + 1s);
  CHECK_FALSE(gate.shared_budgets_now(t));
  CHECK(grant(gate.acquire(t)).account == 1);  // account 0 still held by the peer's block
  CHECK(wait(gate.acquire(t)).reason == WaitReason::kAccountBudget);  // burst 2 × 0.5 = 1
  CHECK(gate.shared_budgets_now(t + 1s));
  CHECK(wait(gate.acquire(t + 1s)).reason == WaitReason::kSharedBudget);
}

TEST_CASE("gate with shared budgets asks for more at high rates, within burst and concurrency",
          "[scheduler][gate]") {
  TimePoint t{};
  PlatformGate gate(platform(1, Rate{1000, 1s}, 50, 8), t);
  gate.use_shared_budgets();
  CHECK(gate.credit_ask(t, 100).want == 8);  // 20 ms of 1000/s = 20, burst 50, 8 free slots
  CHECK(gate.credit_ask(t, 3).want == 3);
  gate.add_credits(0, 8, t);
  for (int i = 0; i < 8; ++i) CHECK(grant(gate.acquire(t)).account == 0);
  CHECK(wait(gate.acquire(t)).reason == WaitReason::kConcurrency);
}
