#pragma once
// JobLeases: the shared table that lets N identical daemons split their jobs (issue 10): live
// members (a heartbeat each) and one lease per job, kept in Redis. Decisions (who should own
// what) are the scheduler's (scheduler/core/job_ownership.hpp); this store only grants and
// records, atomically, with the server's clock.
//
// Contract
// - round(): in one atomic step, records `me` as alive until server now + ttl, forgets members
//   whose heartbeat expired, releases the jobs of `release` that `me` holds, and takes each job of
//   `take` that is free, expired or already held by `me`, until server now + ttl. Returns the live
//   members (sorted), the jobs of `take` that `me` holds now, and when the next other member's
//   heartbeat expires. Safe to repeat.
// - leave(): releases every lease of `me` and removes it from the members (a clean shutdown, so
//   the others take over at once instead of after the ttl).
// - view(): members and leases as they stand, for `koubei status` and /healthz.
// - Errors are values; a store that cannot be reached is Errc::kUnavailable.
// - Thread safety: none; one handle per storage thread.

#include "config/error.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace koubei::storage {

struct LeaseRound {
  std::vector<std::string> members;  ///< alive, sorted, `me` included
  std::vector<std::string> held;     ///< the jobs of `take` that are `me`'s now
  /// Until the earliest heartbeat of another member expires (ms from the server's now), -1 when
  /// `me` is alone: a round just after it takes a dead member's jobs over within one lease.
  std::int64_t next_expiry_ms = -1;
};

struct LeaseTable {
  struct Member {
    std::string id;
    std::int64_t expires_ms = 0;  ///< server time
  };
  struct Lease {
    std::string job;
    std::string owner;
    std::int64_t expires_ms = 0;  ///< server time
  };
  std::int64_t now_ms = 0;  ///< server time when read
  std::vector<Member> members;
  std::vector<Lease> leases;
};

class JobLeases {
 public:
  virtual ~JobLeases() = default;
  virtual Result<LeaseRound> round(const std::string& me, std::int64_t ttl_ms,
                                   std::span<const std::string> take,
                                   std::span<const std::string> release) = 0;
  virtual Result<void> leave(const std::string& me) = 0;
  virtual Result<LeaseTable> view() = 0;
};

}  // namespace koubei::storage
