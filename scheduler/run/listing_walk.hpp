#pragma once
// walk_listing(): one pass over one listing (a poll of a search or timeline, or one backfill
// window), page by page, newest first, through every hop of the pipeline:
//
//   fetch page (fetch_page: politeness, signing, retries) → parse
//   → complete the items the page shows in part (detail pages) → author facts (cache, profile
//     fetches within crawl.author_fetches) → keyword filter + enrichment (parse pool)
//   → alerts (strand) → comments and replies of newly matched items (when the job asks)
//   → deliver (storage thread: dedup claim → sinks → confirm), retried until it succeeds
//   → the next page, until IncrementalPoll says the walk caught up, the listing ends or
//     max_pages is read.
//
// Contract (guarantees §1-3, §9; ARCHITECTURE invariants)
// - Pages are delivered in order, each before the next is fetched; a delivery that fails (a store
//   or sink down, a full spool) is retried with backoff until it succeeds or the runtime stops.
// - `complete` is true only when every page up to the stop point was fetched with verdict ok or
//   empty, every item on it was completed and delivered (none held by another process's claim),
//   and every comment walk it started succeeded. Only then may the caller store `candidate` as
//   the job's watermark. A block, a failed page or a held id leaves the watermark where it was:
//   the next poll reads the same items again (dedup keeps them from being delivered twice).
// - Backfill: items certainly created at or after `until_ms`, or before `since_ms`, are read but
//   not delivered; so are a floored poll's items certainly older than `floor_ms`. "Certainly"
//   allows for the precision the page showed (model::created_bounds): an item shown as "17:08"
//   is delivered by a backfill from 17:08:48, since it may have been created at 17:08:50.
// Runs on the strand.

#include "crawler/clients/platform_client.hpp"
#include "scheduler/core/incremental_poll.hpp"
#include "scheduler/run/crawl_services.hpp"
#include "scheduler/run/seen_items.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace koubei::scheduler {

/// One job's lasting state on the strand (it outlives every walk of the job).
struct JobState {
  std::string id;     ///< the checkpoint key, e.g. "search:huawei-signal:weibo:华为 信号"
  std::string label;  ///< for logs: "huawei-signal weibo \"华为 信号\""
  config::PlatformId platform = config::PlatformId::kWeibo;
  QueryFilter filter;
  bool comments = false;
  SeenItems seen;
};

struct WalkGoal {
  Watermark previous;          ///< a poll: what earlier polls delivered (empty: first run)
  std::int64_t since_ms = 0;   ///< without a watermark: how far back to read (0 = to the end)
  std::int64_t until_ms = 0;   ///< backfill: items at or after this are not delivered (0 = none)
  /// A poll: items created before this are never delivered nor completed with detail pages (the
  /// job's first poll read back crawl.first_since from here; 0 = no floor).
  std::int64_t floor_ms = 0;
  std::uint32_t max_pages = 50;
};

struct WalkReport {
  bool complete = false;
  bool cancelled = false;
  std::string failure;  ///< the first problem, when not complete
  PollStep stop = PollStep::kEnd;
  std::uint32_t pages = 0;
  std::size_t listed = 0;      ///< items the listing pages showed
  std::size_t fresh = 0;       ///< mentions delivered for the first time (comments included)
  std::size_t duplicates = 0;  ///< delivered before (by this or another process)
  std::size_t unmatched = 0;   ///< read, but the keyword expression did not match
  std::size_t skipped = 0;     ///< items the parser or the schema check could not use
  Watermark candidate;
  std::vector<std::int64_t> new_created_ms;  ///< items this job had not seen before (for λ)
  std::optional<std::int64_t> oldest_ms;     ///< oldest creation time read
};

boost::asio::awaitable<WalkReport> walk_listing(CrawlServices& services, JobState& job,
                                                const clients::Listing& listing,
                                                const WalkGoal& goal);

}  // namespace koubei::scheduler
