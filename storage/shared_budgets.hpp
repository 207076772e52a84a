#pragma once
// SharedBudgets: the politeness budgets of daemons that share their jobs (issue 10 §2): one token
// bucket per platform and one per account, kept in the shared store so that N daemons together
// send no more than one configuration allows, and each account's cool-down (a rate limit, a
// captcha, a dead cookie seen by any daemon) holds for all of them.
//
// Contract
// - take(): in one atomic step on the server's clock, refills the platform bucket and the
//   candidate accounts' buckets (rate × elapsed, capped at burst; a bucket blocked until T holds
//   no token before T and refills from empty after it), then takes up to `want` tokens from the
//   platform bucket and from the first candidate, in the order given, that is not blocked and
//   holds a whole token. Takes nothing when none does, and says how long until one would, and
//   which candidates are blocked, for how long and why. Every daemon passes the same rates (one
//   configuration).
// - block(): no token from `bucket` for `for_ms` from server now (extends, never shortens, a block
//   already there), with the account's state and reason for the others' /healthz and `koubei
//   status`. clear(): the account is healthy again (its block and reason are gone).
// - view(): the buckets as they stand, for `koubei status`.
// - Buckets nobody touches expire (`idle_ttl_ms` after the last write, or after a block ends).
// - Errors are values; a store that cannot be reached is Errc::kUnavailable (the caller falls back
//   to its own share of the rates).
// - Thread safety: none; one handle per thread.

#include "config/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace koubei::storage {

struct BudgetRate {
  double per_second = 1;
  double burst = 1;
};

/// A bucket's name within its platform: "" is the platform's own bucket, otherwise the account's
/// name and a fingerprint of its credentials ("acct1#9f2c…"), so a new cookie starts healthy.
struct BudgetBucket {
  std::string name;
  BudgetRate rate;
};

struct BudgetTake {
  std::string platform;
  BudgetRate platform_rate;
  std::vector<BudgetBucket> accounts;    ///< every account of the platform, config order
  std::vector<std::size_t> candidates;   ///< indices into accounts, preferred first
  std::uint32_t want = 1;
  std::int64_t idle_ttl_ms = 3600'000;
};

struct BudgetBlocked {
  std::size_t account = 0;       ///< index into BudgetTake::accounts
  std::int64_t remaining_ms = 0;
  std::string state;             ///< "cooling_down" or "unhealthy"
  std::string reason;
};

struct BudgetGrant {
  std::optional<std::size_t> account;  ///< index into BudgetTake::accounts; none: nothing taken
  std::uint32_t count = 0;             ///< tokens taken from the platform and from `account`
  std::int64_t wait_ms = 0;            ///< when nothing was taken: until a token could be
  std::vector<BudgetBlocked> blocked;  ///< candidates blocked now
};

struct BudgetState {
  std::string name;              ///< "" for the platform bucket
  double tokens = 0;             ///< as of the read
  std::int64_t blocked_ms = 0;   ///< remaining block; 0 when none
  std::string state;             ///< "" when never reported (healthy)
  std::string reason;
  bool exists = false;           ///< false: no daemon has used this bucket (or it expired)
};

class SharedBudgets {
 public:
  virtual ~SharedBudgets() = default;
  virtual Result<BudgetGrant> take(const BudgetTake& request) = 0;
  /// `bucket` "" blocks the platform bucket (a Retry-After for the whole client).
  virtual Result<void> block(const std::string& platform, const std::string& bucket,
                             std::int64_t for_ms, const std::string& state,
                             const std::string& reason, std::int64_t idle_ttl_ms) = 0;
  virtual Result<void> clear(const std::string& platform, const std::string& bucket) = 0;
  virtual Result<std::vector<BudgetState>> view(const std::string& platform,
                                                const std::vector<std::string>& buckets) = 0;
};

}  // namespace koubei::storage
