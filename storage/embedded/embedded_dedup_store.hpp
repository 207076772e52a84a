#pragma once
// EmbeddedDedupStore: storage::DedupStore without a server, the default when no [redis] is
// configured. Delivered ids live in memory as fingerprints (FingerprintTable) and on disk in
// <state_dir>/dedup.log (RecordLog), so a restart remembers them. Format and sizes:
// storage/README.md "Embedded store".
//
// Contract (beyond storage/dedup_store.hpp)
// - Claims are in-process only (the StateDirLock guarantees one process per state_dir); a claim
//   dies with the process, which is what "expires" means here. Claim expiry follows the clock.
// - confirm() appends one record (fingerprint, expiry) per id and fdatasyncs before it returns
//   success; only then does the id count as delivered. On failure nothing changed and the claims
//   are still held: the caller retries confirm().
// - Fingerprints: two different ids with the same XXH64 are one id to this store; at 10 M stored
//   ids the chance that a given new id is wrongly taken as delivered is 10^7 / 2^64 ≈ 5.4e-13.
// - Memory is bounded by max_keys (FingerprintTable evicts the entries closest to expiry); the log
//   is compacted (rewritten from the live table) when it is at least compact_min_bytes and more
//   than twice the live size. A failed compaction is logged and counted; the old log stays valid.
// - open() replays the log; a torn tail (crash mid-write) is cut and logged at warn. Ids whose
//   records were cut may be delivered again (duplicates with the same id), never lost.
// - Thread safety: none; one store per process and storage thread.

#include "storage/dedup_store.hpp"
#include "storage/embedded/fingerprint_table.hpp"
#include "storage/embedded/record_log.hpp"
#include "storage/embedded/state_dir_lock.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

namespace koubei::storage::embedded {

struct EmbeddedDedupOptions {
  /// Bound of live ids in memory (about 12 B / 0.7 each, see README); beyond it the ids closest
  /// to expiry are forgotten first.
  std::uint64_t max_keys = 20'000'000;
  /// fdatasync every confirm. false only for benchmarks and throw-away state.
  bool fsync = true;
  /// Compaction threshold: the log is rewritten when larger than this and than twice its live size.
  std::uint64_t compact_min_bytes = 64ULL << 20;
  /// Unix time in ms; empty = system_clock. Tests inject a fake.
  std::function<std::int64_t()> now_ms;
};

struct EmbeddedDedupStats {
  std::uint64_t live_keys = 0;
  std::uint64_t table_capacity = 0;
  std::uint64_t memory_bytes = 0;  ///< the table's arrays
  std::uint64_t log_bytes = 0;
  std::uint64_t claims_held = 0;
  std::uint64_t evictions = 0;
  std::uint64_t compactions = 0;
  std::uint64_t compaction_failures = 0;
  std::uint64_t replayed_records = 0;  ///< at open
  std::uint64_t torn_bytes = 0;        ///< cut at open
};

class EmbeddedDedupStore final : public DedupStore {
 public:
  /// Opens <lock->dir()>/dedup.log. Errors: kCorrupt (foreign file), kOpenFailed, kReadFailed,
  /// kWriteFailed/kSyncFailed (repairing a torn tail).
  static Result<std::unique_ptr<EmbeddedDedupStore>> open(std::shared_ptr<StateDirLock> lock,
                                                          EmbeddedDedupOptions options = {});

  Result<std::vector<ClaimState>> claim(std::span<const std::string> ids,
                                        config::Duration claim_ttl) override;
  Result<void> confirm(std::span<const std::string> ids, config::Duration dedup_ttl) override;
  Result<void> release(std::span<const std::string> ids) override;

  DedupStats stats() const override { return stats_; }

  /// Live keys are counted by a scan: call for reports, not per batch.
  EmbeddedDedupStats embedded_stats() const;

 private:
  EmbeddedDedupStore(std::shared_ptr<StateDirLock> lock, EmbeddedDedupOptions options);
  std::int64_t now_ms() const;
  void maybe_compact(std::uint32_t now_s);
  void purge_claims(std::int64_t now);

  std::shared_ptr<StateDirLock> lock_;
  EmbeddedDedupOptions options_;
  FingerprintTable table_;
  RecordLog log_;
  std::unordered_map<std::uint64_t, std::int64_t> claims_;  // fingerprint -> expiry (Unix ms)
  std::size_t claims_after_purge_ = 0;
  std::uint64_t retry_compaction_at_ = 0;
  DedupStats stats_;
  EmbeddedDedupStats extra_;
};

}  // namespace koubei::storage::embedded
