#pragma once
// PlatformLane: one platform as the scheduler strand sees it: its PlatformGate (token buckets,
// concurrency cap, account health and rotation), the queue of requests waiting for the gate, and
// each account's identity (cookie, proxy, cookie jar).
//
// Contract
// - acquire(priority) completes when the gate grants a request, with the account to use; waiting
//   requests are served follow-ups first, then in arrival order. It completes with nullopt when
//   the lane is stopped (shutdown): the caller abandons the request.
// - Every grant is followed by exactly one release(grant, outcome, retry_after); the next waiter
//   is served from there, or when the gate's own wait (a bucket refill, a cool-down) has passed.
// - Nothing waits without bound in memory: one waiter per job coroutine at most.
// - With shared budgets (use_shared_budgets(), daemons sharing jobs): when the gate has no credit
//   left, the lane asks the shared store (one call in flight at a time) and pumps again with the
//   answer; every cool-down this daemon starts is reported to the store, and those others
//   reported are mirrored into the gate. A failed call falls back to the gate's own buckets (at
//   its share of the rates) for a second, then asks again.
// - Thread safety: none; everything runs on the scheduler strand (the executor given).

#include "config/config.hpp"
#include "crawler/http/cookie_jar.hpp"
#include "scheduler/core/platform_gate.hpp"
#include "storage/shared_budgets.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace koubei::scheduler {

enum class Priority : std::uint8_t { kFollowUp, kPoll };

struct AccountIdentity {
  std::string name;
  config::Secret cookie;
  config::Secret proxy;
  std::shared_ptr<http::CookieJar> jar;
};

/// How a lane reaches the shared budgets; CrawlRuntime runs the calls on its coordination thread
/// and completes `take` back on the strand. block/clear are fire-and-forget (failures are the
/// link's to count and log).
struct SharedBudgetLink {
  using TakeDone = std::function<void(Result<storage::BudgetGrant>)>;
  std::function<void(storage::BudgetTake, TakeDone)> take;
  std::function<void(std::string bucket, std::int64_t for_ms, std::string state, std::string reason)>
      block;
  std::function<void(std::string bucket)> clear;
};

/// The bucket name of an account in the shared budgets: its name and a fingerprint of its cookie
/// (FNV-1a, 48 bits: the cookie cannot be read back from it), so a replaced cookie starts afresh.
std::string budget_bucket_name(const std::string& account, const config::Secret& cookie);

class PlatformLane {
 public:
  PlatformLane(boost::asio::any_io_executor strand, config::PlatformId platform,
               const config::PlatformConfig& config, CooldownPolicy cooldowns);

  config::PlatformId platform() const { return platform_; }

  boost::asio::awaitable<std::optional<Grant>> acquire(Priority priority);
  void release(const Grant& grant, Outcome outcome, std::optional<Duration> retry_after = {});

  const AccountIdentity& identity(const Grant& grant) const { return identities_.at(grant.account); }

  /// Wakes every waiter with nullopt and refuses later acquires.
  void stop();

  /// This daemon's share of the platform's and accounts' rates (PlatformGate::share).
  void share(double fraction);
  double share() const { return gate_.share(); }

  /// From now on the platform's and accounts' budgets are the shared store's (see the contract).
  void use_shared_budgets(SharedBudgetLink link);
  /// "local", "shared" or "local (shared budgets unreachable)", for /healthz.
  std::string_view budgets() const;
  std::uint64_t budget_calls() const { return budget_calls_; }
  std::uint64_t budget_errors() const { return budget_errors_; }

  std::size_t waiting() const { return follow_ups_.size() + polls_.size(); }
  std::uint32_t in_flight() const { return gate_.in_flight(); }
  std::vector<AccountView> accounts() const;
  bool all_unhealthy() const;
  /// Why the front waiter waits ("" when nobody waits), for logs and /healthz.
  const std::string& wait_reason() const { return wait_reason_; }

 private:
  struct Waiter {
    explicit Waiter(const boost::asio::any_io_executor& ex) : timer(ex) {}
    boost::asio::steady_timer timer;
    std::optional<Grant> grant;
  };

  void pump();
  void wake_at(TimePoint at);
  void ask_for_credits(TimePoint now);
  void on_credits(Result<storage::BudgetGrant> answer);
  void report(const Grant& grant, Outcome outcome, AccountState before, const AccountView& after,
              std::optional<Duration> retry_after, TimePoint now);

  boost::asio::any_io_executor strand_;
  config::PlatformId platform_;
  PlatformGate gate_;
  std::vector<AccountIdentity> identities_;
  std::deque<std::shared_ptr<Waiter>> follow_ups_;
  std::deque<std::shared_ptr<Waiter>> polls_;
  boost::asio::steady_timer wake_;
  std::optional<TimePoint> wake_at_;
  std::string wait_reason_;
  bool stopped_ = false;
  // Shared budgets (empty link: local buckets only).
  SharedBudgetLink link_;
  storage::BudgetTake budget_request_;  ///< platform and accounts filled once; per ask the rest
  bool asking_ = false;
  bool budget_warned_ = false;
  std::uint64_t budget_calls_ = 0;
  std::uint64_t budget_errors_ = 0;
};

}  // namespace koubei::scheduler
