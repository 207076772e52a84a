#include "storage/memory_dedup_store.hpp"

namespace koubei::storage {

Result<std::vector<ClaimState>> MemoryDedupStore::claim(std::span<const std::string> ids,
                                                        config::Duration claim_ttl) {
  const auto now = std::chrono::steady_clock::now();
  std::vector<ClaimState> out;
  out.reserve(ids.size());
  for (const std::string& id : ids) {
    ++stats_.claims;
    auto [it, inserted] = entries_.try_emplace(id);
    Entry& e = it->second;
    if (!inserted && e.expires > now) {
      const ClaimState s = e.delivered ? ClaimState::kDelivered : ClaimState::kClaimed;
      ++(s == ClaimState::kDelivered ? stats_.delivered : stats_.claimed);
      out.push_back(s);
      continue;
    }
    e = Entry{false, now + claim_ttl};
    ++stats_.new_ids;
    out.push_back(ClaimState::kNew);
  }
  return out;
}

Result<void> MemoryDedupStore::confirm(std::span<const std::string> ids,
                                       config::Duration dedup_ttl) {
  const auto now = std::chrono::steady_clock::now();
  for (const std::string& id : ids) {
    ++stats_.confirms;
    entries_[id] = Entry{true, now + dedup_ttl};
  }
  return {};
}

Result<void> MemoryDedupStore::release(std::span<const std::string> ids) {
  for (const std::string& id : ids) {
    auto it = entries_.find(id);
    if (it != entries_.end() && !it->second.delivered) {
      entries_.erase(it);
      ++stats_.releases;
    }
  }
  return {};
}

}  // namespace koubei::storage
