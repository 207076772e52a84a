#pragma once
// MemoryDedupStore: a DedupStore that lives and dies with the process, for one-off runs whose
// output is their own (`koubei backfill --out FILE`: the file gets every mention of the window
// once, whatever the daemon's shared store has already delivered). Same claim → confirm →
// release protocol as the persistent stores; claim_ttl and dedup_ttl are honoured on the
// steady clock. Never fails. Thread safety: none (the storage thread).

#include "storage/dedup_store.hpp"

#include <chrono>
#include <unordered_map>

namespace koubei::storage {

class MemoryDedupStore final : public DedupStore {
 public:
  Result<std::vector<ClaimState>> claim(std::span<const std::string> ids,
                                        config::Duration claim_ttl) override;
  Result<void> confirm(std::span<const std::string> ids, config::Duration dedup_ttl) override;
  Result<void> release(std::span<const std::string> ids) override;
  DedupStats stats() const override { return stats_; }

 private:
  struct Entry {
    bool delivered = false;
    std::chrono::steady_clock::time_point expires;
  };
  std::unordered_map<std::string, Entry> entries_;
  DedupStats stats_;
};

}  // namespace koubei::storage
