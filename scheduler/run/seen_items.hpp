#pragma once
// SeenItems: what one job already processed recently (delivered, or read and found not to match),
// by record id, with the item's creation time, so that the next poll neither fetches its detail
// page again (every Xiaohongshu search hit, truncated Weibo posts) nor re-runs it through the
// pipeline, yet still knows where the item sits in time (a poll stops by creation times).
// Bounded: the oldest entries are forgotten first. In memory only: after a restart the first
// poll re-reads what it needs (and dedup keeps it from being delivered twice).
// Thread safety: none (strand).

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

namespace koubei::scheduler {

class SeenItems {
 public:
  explicit SeenItems(std::size_t capacity = 4096) : capacity_(capacity) {}

  struct Entry {
    std::optional<std::int64_t> created_ms;
    bool comments_pending = false;  ///< its comments still need a crawl (a failed attempt)
  };

  const Entry* find(const std::string& id) const {
    auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : &it->second;
  }

  void remember(const std::string& id, Entry entry) {
    auto [it, inserted] = entries_.insert_or_assign(id, entry);
    if (!inserted) return;
    order_.push_back(id);
    while (order_.size() > capacity_) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
  }

  std::size_t size() const { return entries_.size(); }

 private:
  std::size_t capacity_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::string> order_;
};

}  // namespace koubei::scheduler
