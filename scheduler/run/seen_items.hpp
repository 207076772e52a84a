#pragma once
// SeenItems: what one job already processed recently (delivered, or read and found not to match),
// by record id, with the item's creation time, so that the next poll neither fetches its detail
// page again (every Xiaohongshu search hit, truncated Weibo posts) nor re-runs it through the
// pipeline, yet still knows where the item sits in time (a poll stops by creation times).
// Bounded: the oldest entries are forgotten first. In memory only: after a restart the first
// poll re-reads what it needs (and dedup keeps it from being delivered twice).
// Ids are kept as 64-bit hashes, not strings: 68 bytes an entry instead of 192 (measured with
// 16-digit Weibo ids under jemalloc), which is what a daemon with 10,000+ jobs holds at capacity.
// Two ids of one job sharing a hash (odds about 4096² / 2⁶⁵ ≈ 5·10⁻¹³ for a full job) would make
// the second look processed.
// Thread safety: none (strand).

#include <cstdint>
#include <deque>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace koubei::scheduler {

class SeenItems {
 public:
  explicit SeenItems(std::size_t capacity = 4096) : capacity_(capacity) {}

  struct Entry {
    std::optional<std::int64_t> created_ms;
    bool comments_pending = false;  ///< its comments still need a crawl (a failed attempt)
  };

  const Entry* find(std::string_view id) const {
    auto it = entries_.find(key(id));
    return it == entries_.end() ? nullptr : &it->second;
  }

  void remember(std::string_view id, Entry entry) {
    const std::uint64_t k = key(id);
    auto [it, inserted] = entries_.insert_or_assign(k, entry);
    if (!inserted) return;
    order_.push_back(k);
    while (order_.size() > capacity_) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
  }

  std::size_t size() const { return entries_.size(); }

 private:
  static std::uint64_t key(std::string_view id) { return std::hash<std::string_view>{}(id); }

  std::size_t capacity_;
  std::unordered_map<std::uint64_t, Entry> entries_;
  std::deque<std::uint64_t> order_;
};

}  // namespace koubei::scheduler
