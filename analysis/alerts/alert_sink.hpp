#pragma once
// AlertSink: where alerts go. The analysis side only produces Alert values (sans-IO); delivery
// (log, dead-letter file, webhook, Redis Stream) implements this interface in crawler/alerts/.
//
// Contract
// - deliver() returns an error value instead of throwing; the caller counts it and hands the
//   alert to the next channel or the dead-letter file.
// - Thread safety: none required; the caller delivers from one strand/thread.

#include "analysis/alerts/alert.hpp"
#include "config/error.hpp"

namespace koubei::analysis::alerts {

class AlertSink {
 public:
  virtual ~AlertSink() = default;
  virtual Result<void> deliver(const Alert& alert) = 0;
  /// Name for logs and metrics ("log", "webhook", "dead_letter", …).
  virtual std::string_view name() const = 0;
};

}  // namespace koubei::analysis::alerts
