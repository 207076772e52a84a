#pragma once
// created_bounds(): when a mention may have been created, given the precision its page showed.
//
// A displayed time is a point estimate. Absolute forms ("今天 17:08", an epoch second) are
// truncated, so the truth is up to one unit later; relative forms ("5分钟前", "2小时前", marked
// day) count whole units elapsed, so the truth is up to one unit earlier. The record does not keep
// which form its page used, so the bounds reach one unit to either side of `created_at`
// (exclusive): second ±1 s, minute ±60 s, day ±24 h.
//
// Window decisions use the bounds, never the point: a backfill's [since, until), a first poll's
// floor, where a walk may stop. An item is left out only when it certainly lies outside; an item
// on the edge is delivered (dedup makes a second delivery harmless, a lost one is lost).
//
// Pure; thread safety: stateless.

#include "parsers/model/mention.hpp"

#include <cstdint>
#include <optional>

namespace koubei::model {

struct CreatedBounds {
  std::int64_t earliest_ms = 0;  ///< Unix ms, inclusive
  std::int64_t latest_ms = 0;    ///< Unix ms, inclusive
};

/// One unit of a precision in milliseconds.
std::int64_t precision_ms(Precision p);

/// The bounds of `m.created_at`; std::nullopt when the page gave no time. A time without a
/// precision (never produced by the parsers) is treated as day precision.
std::optional<CreatedBounds> created_bounds(const Mention& m);

/// Whether a mention may have been created in [since_ms, until_ms); until_ms == 0 means no upper
/// end. A mention without a time may lie anywhere: true.
bool may_lie_in(const Mention& m, std::int64_t since_ms, std::int64_t until_ms);

}  // namespace koubei::model
