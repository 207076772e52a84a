#pragma once
// ParseAlerts: `koubei parse --config FILE --alerts`. Runs the configured alert rules
// (analysis::alerts::AlertEngine) over the mentions the parse emits, in order, at their page's
// fetched_at, and delivers the alerts through the same AlertDispatcher and channels the daemon
// uses (crawler/alerts/alert_channels.hpp): log, webhook, Redis Stream, dead-letter file.
// finish() waits for delivery and prints one summary line on stderr:
//
//   alerts: 1 raised (0 suppressed); log 1 ok; webhook 1 ok; 0 dead-lettered, 0 lost
//
// (a channel's failures follow its count: "webhook 0 ok, 1 failed"; the dead-letter file's path
// follows a non-zero dead-lettered count).
//
// Start-up failures (a bad [redis] url) are exceptions, as for every command's start-up; after
// that, delivery failures are counted, never thrown. The HTTP engine exists only when a webhook is
// configured. Thread safety: one thread (the command's).

#include "config/config.hpp"
#include "crawler/alerts/alert_dispatcher.hpp"
#include "crawler/http/http_engine.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>

#include "analysis/alerts/alert_engine.hpp"

namespace koubei::cli {

class ParseAlerts {
 public:
  /// REQUIRES: folder outlives this. Throws std::runtime_error when a channel cannot be built.
  ParseAlerts(const config::Config& config, const analysis::keywords::TextFolder& folder);
  ~ParseAlerts();

  void observe(const model::Mention& mention, model::Timestamp now);

  /// Delivers everything raised, prints the summary line to `err`. False when an alert was lost
  /// (not even the dead-letter file took it).
  bool finish(std::ostream& err);

 private:
  bool enabled_;
  analysis::alerts::AlertEngine rules_;
  std::unique_ptr<http::HttpEngine> engine_;  // declared before the dispatcher: outlives it
  std::unique_ptr<alerts::AlertDispatcher> dispatcher_;
  std::uint64_t raised_ = 0;
  std::filesystem::path dead_letter_;
};

}  // namespace koubei::cli
