#pragma once
// TEST DOUBLES of storage::DedupStore and storage::CheckpointStore, for the delivery pipeline's
// unit tests that need no server and inject faults (the integration tests run the real Redis and
// embedded stores: delivery_crash_test.cpp, delivery_redis_test.cpp). They implement the
// interface contracts in dedup_store.hpp and checkpoint_store.hpp in memory, with two
// conveniences the tests need:
// - persistence for crash tests: TestDedupStore appends confirmed ids to a log file (fdatasync'd
//   before confirm() returns) and reloads it; claims live in memory only, so a killed process's
//   claims vanish with it (like a Redis claim whose claim_ttl has passed). TestCheckpointStore
//   writes one file per job (write, fdatasync, rename).
// - fault and time injection: fail_next_for_test(), claim_elsewhere_for_test(), a manual clock.
// The dedup window (dedup_ttl) is not enforced: confirmed ids stay confirmed.
// Thread safety: none.

#include "storage/checkpoint_store.hpp"
#include "storage/dedup_store.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace koubei::test {

class TestDedupStore final : public storage::DedupStore {
 public:
  /// kClaimReplyLost: the claim takes effect but the call fails, as when Redis ran a pipelined
  /// claim and the connection broke before the replies arrived.
  enum class Op { kClaim, kClaimReplyLost, kConfirm, kRelease };

  /// confirmed_log: file of confirmed ids, one per line; empty = memory only.
  explicit TestDedupStore(std::string confirmed_log = {});

  Result<std::vector<storage::ClaimState>> claim(std::span<const std::string> ids,
                                                 config::Duration claim_ttl) override;
  Result<void> confirm(std::span<const std::string> ids, config::Duration dedup_ttl) override;
  Result<void> release(std::span<const std::string> ids) override;

  storage::DedupStats stats() const override { return stats_; }

  /// The next `times` calls of `op` fail with Errc::kSinkUnavailable and change nothing (but
  /// kClaimReplyLost, above).
  void fail_next_for_test(Op op, int times = 1) { failures_[op] = times; }

  /// Another process holds a live claim on id until `ttl` passes on the manual clock.
  void claim_elsewhere_for_test(const std::string& id, config::Duration ttl);

  void advance_clock_for_test(config::Duration by) { now_ += by; }

  bool confirmed(const std::string& id) const { return confirmed_.count(id) != 0; }

  bool claimed(const std::string& id) const;

  std::size_t confirmed_count() const { return confirmed_.size(); }

 private:
  bool inject_failure(Op op);

  std::string log_path_;
  std::set<std::string> confirmed_;
  std::map<std::string, config::Duration> claims_;  // id → expiry on the manual clock
  std::set<std::string> mine_;                      // claims made through this handle
  std::map<Op, int> failures_;
  config::Duration now_{0};
  storage::DedupStats stats_;
};

class TestCheckpointStore final : public storage::CheckpointStore {
 public:
  /// dir: one file per job in it; empty = memory only.
  explicit TestCheckpointStore(std::string dir = {}) : dir_(std::move(dir)) {}

  Result<std::optional<storage::Checkpoint>> load(const std::string& job_id) override;
  Result<void> save(const std::string& job_id, const storage::Checkpoint& checkpoint) override;

  std::size_t saves() const { return saves_; }

 private:
  std::string dir_;
  std::map<std::string, storage::Checkpoint> memory_;
  std::size_t saves_ = 0;
};

}  // namespace koubei::test
