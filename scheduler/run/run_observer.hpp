#pragma once
// RunObserver: what the crawl reports as it goes, for the composition root to turn into metrics
// (/metrics), progress lines (koubei backfill) and logs. Called on the scheduler strand only;
// implementations must be quick (count, do not block). Every hook has a no-op default.
//
// Nothing secret reaches an observer: URLs are redacted and accounts are named, never shown.

#include "config/config.hpp"
#include "scheduler/core/outcome.hpp"

#include <cstdint>
#include <string_view>

namespace koubei::scheduler {

class RunObserver {
 public:
  virtual ~RunObserver() = default;

  /// One HTTP request finished: its page type, status (0 = no response) and what it meant.
  virtual void on_request(config::PlatformId, std::string_view /*page_type*/, int /*status*/,
                          Outcome, double /*fetch_seconds*/) {}
  /// A page was parsed and delivered: mentions newly delivered, and those already delivered.
  virtual void on_page(config::PlatformId, std::size_t /*fresh*/, std::size_t /*duplicates*/) {}
  /// A newly delivered mention: emitted − created, in seconds (when created is known).
  virtual void on_mention_latency(config::PlatformId, double /*seconds*/) {}
  /// Items a parser skipped, and records that failed the schema check.
  virtual void on_skipped(config::PlatformId, std::size_t /*items*/) {}
  /// A listing walk (a poll, a backfill window) ended.
  virtual void on_walk_done(config::PlatformId, bool /*complete*/) {}
  /// A delivery attempt failed (a store or sink down, a full spool); it is retried.
  virtual void on_delivery_error() {}
  /// An alert was raised.
  virtual void on_alert() {}
};

}  // namespace koubei::scheduler
