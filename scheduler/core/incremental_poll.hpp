#pragma once
// IncrementalPoll: how far back one poll of a newest-first listing (search sorted by time, a
// timeline, comments by time) pages: until it reaches what an earlier poll already delivered, plus
// a safety overlap for items that show up late or slightly out of order.
//
// Rule. With a watermark W (newest creation time delivered before), a poll stops after the first
// page whose oldest non-pinned item is older than W − overlap; without one (first run), after the
// first page whose oldest non-pinned item is older than `since` ("older" judged on the latest
// time an item may have been created, ListedItem::latest_ms). It also stops when the listing
// ends (no next cursor), at `max_pages`, or when a page is empty. Pinned items (a timeline's top
// post) are ignored for the decision because they are old by design.
//
// The watermark proposed by candidate() is the newest creation time seen in this poll (or the old
// one, if newer) with the ids created at that instant; the caller stores it in the job's
// checkpoint only after the delivery pipeline confirmed every item of the poll (ARCHITECTURE
// invariants: a checkpoint never passes an unconfirmed mention; a block verdict never advances a
// watermark: the caller simply discards the poll).
//
// Sans-IO; thread safety: none.

#include "config/units.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::scheduler {

struct Watermark {
  std::int64_t newest_ms = 0;            ///< Unix ms; 0 = none yet
  std::vector<std::string> ids;          ///< ids created exactly at newest_ms
};

struct ListedItem {
  std::string_view id;
  std::optional<std::int64_t> created_ms;  ///< unknown times never stop a poll
  bool pinned = false;
  /// The latest the item may have been created, given its page's precision
  /// (model::created_bounds); unset: created_ms. The stop decision uses it, so an item shown as
  /// "17:08" does not end a walk whose edge is 17:08:48 (the same minute may go on next page).
  std::optional<std::int64_t> latest_ms;
};

enum class PollStep : std::uint8_t {
  kNextPage,    ///< fetch the next page
  kCaughtUp,    ///< reached the watermark (− overlap) or `since`
  kEnd,         ///< the listing has no more pages, or a page was empty
  kPageLimit,   ///< max_pages read
};

std::string_view to_string(PollStep s);

class IncrementalPoll {
 public:
  /// since_ms: on a first run (no watermark), how far back to go; 0 = to the end of the listing.
  IncrementalPoll(Watermark previous, config::Duration overlap, std::uint32_t max_pages,
                  std::int64_t since_ms = 0);

  /// Feed one page (in listing order) and whether it has a next page; says what to do next.
  PollStep on_page(std::span<const ListedItem> items, bool has_more);

  /// The watermark to store once everything this poll found is confirmed.
  Watermark candidate() const;

  std::uint32_t pages() const { return pages_; }
  /// The time below which items are "already covered": W − overlap, or since.
  std::int64_t stop_below_ms() const { return stop_below_ms_; }

 private:
  Watermark previous_;
  std::uint32_t max_pages_;
  std::int64_t stop_below_ms_;
  std::uint32_t pages_ = 0;
  std::int64_t newest_ms_ = 0;
  std::vector<std::string> newest_ids_;
};

}  // namespace koubei::scheduler
