#pragma once
// JobOwnership: which of a daemon's jobs it may run when N identical daemons share one Redis
// (issue 10). Sans-IO: the driver hands in what the lease store answered and the time; this class
// decides what to ask for next and whether a job may start a walk.
//
// Rule
// - Every live member computes the same preferred owner for every job: rendezvous hashing
//   (highest random weight) over the member ids the store reported, so a member joining or leaving
//   moves only the jobs it gains or loses (about 1/N of them).
// - A member asks to take (or keep) the jobs it prefers itself for; it keeps a job it holds but
//   no longer prefers while that job is walking (a walk is never cut in half), and gives it up at
//   the next round once the walk ended. The store grants a lease only when it is free, expired or
//   already ours, so two members never hold one job at once (modulo a lease that expired while its
//   holder was cut off, which stops walking at its own deadline; see below).
// - A held lease is trusted until `granted_at + ttl - margin` by this member's own clock, where
//   granted_at is when the round that granted it *started*: if the store cannot be reached, the
//   member stops starting walks before any other member can take the job over.
// - may_walk(job) is true only for a job held, trusted, and preferred (or already walking: the
//   walk goes on to its end).
//
// Thread safety: none (the scheduler's strand).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace koubei::scheduler {

/// Rendezvous weight of (member, job): a stable 64-bit hash, the same on every machine.
std::uint64_t rendezvous_weight(std::string_view member, std::string_view job);

/// The member with the highest weight for `job`; "" when `members` is empty.
std::string_view preferred_owner(std::string_view job, std::span<const std::string> members);

/// What to send to the lease store in one round.
struct LeaseRequest {
  std::vector<std::string> take;     ///< take or keep (free, expired or ours)
  std::vector<std::string> release;  ///< give up (only if still ours)
};

class JobOwnership {
 public:
  /// `jobs`: every job id of this daemon (the same list on every member). ttl and margin in ms.
  JobOwnership(std::string me, std::vector<std::string> jobs, std::int64_t ttl_ms,
               std::int64_t margin_ms);

  /// The request for the next round, given the members last reported.
  LeaseRequest request() const;

  /// The store's answer to `sent` (a request() of this object) for a round that started at
  /// `started_ms` (local steady ms): `members` alive (this one included), `held` the jobs of
  /// sent.take that are now ours. Every job of sent.release is no longer ours. Returns true when
  /// the members changed: the driver should run the next round at once (a job of a member that
  /// left is taken over in that round, not a renew interval later).
  bool granted(std::int64_t started_ms, const LeaseRequest& sent, std::vector<std::string> members,
               std::span<const std::string> held);

  /// A round failed (store unreachable): nothing changes; leases age towards their deadline.
  void failed() {}

  bool may_walk(std::string_view job, std::int64_t now_ms) const;
  void walking(std::string_view job, bool on);

  /// Jobs held and trusted at `now_ms`.
  std::size_t owned(std::int64_t now_ms) const;
  std::size_t peers() const { return members_.size(); }
  const std::vector<std::string>& members() const { return members_; }
  const std::string& me() const { return me_; }
  /// Jobs this member prefers itself for (what it will own once the others let go).
  std::size_t preferred() const;

 private:
  struct State {
    bool held = false;
    bool walking = false;
    std::int64_t deadline_ms = 0;  ///< trust the lease until then (local steady ms)
  };
  bool prefers(std::string_view job) const;

  std::string me_;
  std::vector<std::string> jobs_;
  std::int64_t ttl_ms_;
  std::int64_t margin_ms_;
  std::vector<std::string> members_;
  std::unordered_map<std::string, State> state_;
};

}  // namespace koubei::scheduler
