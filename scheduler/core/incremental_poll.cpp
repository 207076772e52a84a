#include "scheduler/core/incremental_poll.hpp"

#include <algorithm>

namespace koubei::scheduler {

std::string_view to_string(PollStep s) {
  switch (s) {
    case PollStep::kNextPage: return "next_page";
    case PollStep::kCaughtUp: return "caught_up";
    case PollStep::kEnd: return "end";
    case PollStep::kPageLimit: return "page_limit";
  }
  return "unknown";
}

IncrementalPoll::IncrementalPoll(Watermark previous, config::Duration overlap,
                                 std::uint32_t max_pages, std::int64_t since_ms)
    : previous_(std::move(previous)), max_pages_(std::max<std::uint32_t>(max_pages, 1)) {
  stop_below_ms_ = previous_.newest_ms > 0 ? previous_.newest_ms - overlap.count() : since_ms;
  newest_ms_ = previous_.newest_ms;
  newest_ids_ = previous_.ids;
}

PollStep IncrementalPoll::on_page(std::span<const ListedItem> items, bool has_more) {
  ++pages_;
  std::optional<std::int64_t> oldest;
  for (const auto& item : items) {
    if (!item.created_ms) continue;
    std::int64_t t = *item.created_ms;
    if (t > newest_ms_) {
      newest_ms_ = t;
      newest_ids_.assign(1, std::string(item.id));
    } else if (t == newest_ms_ &&
               std::find(newest_ids_.begin(), newest_ids_.end(), item.id) == newest_ids_.end()) {
      newest_ids_.emplace_back(item.id);
    }
    if (item.pinned) continue;
    const std::int64_t latest = item.latest_ms.value_or(t);
    oldest = oldest ? std::min(*oldest, latest) : latest;
  }
  if (items.empty() || !has_more) return PollStep::kEnd;
  if (stop_below_ms_ > 0 && oldest && *oldest < stop_below_ms_) return PollStep::kCaughtUp;
  if (pages_ >= max_pages_) return PollStep::kPageLimit;
  return PollStep::kNextPage;
}

Watermark IncrementalPoll::candidate() const { return Watermark{newest_ms_, newest_ids_}; }

}  // namespace koubei::scheduler
