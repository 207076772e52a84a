#pragma once
// LogAlertSink: every alert as one warn-level log line ("alert <rule> <query>: <summary> <json>")
// through a spdlog logger (the process default unless one is given). Never fails.
// Thread safety: as the logger's.

#include <memory>

#include <spdlog/logger.h>

#include "analysis/alerts/alert_sink.hpp"

namespace koubei::alerts {

class LogAlertSink final : public analysis::alerts::AlertSink {
 public:
  explicit LogAlertSink(std::shared_ptr<spdlog::logger> logger = nullptr);
  Result<void> deliver(const analysis::alerts::Alert& alert) override;
  std::string_view name() const override { return "log"; }

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace koubei::alerts
