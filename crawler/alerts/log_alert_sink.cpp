#include "crawler/alerts/log_alert_sink.hpp"

#include <spdlog/spdlog.h>

namespace koubei::alerts {

LogAlertSink::LogAlertSink(std::shared_ptr<spdlog::logger> logger)
    : logger_(logger ? std::move(logger) : spdlog::default_logger()) {}

Result<void> LogAlertSink::deliver(const analysis::alerts::Alert& alert) {
  logger_->warn("alert {} {}: {} {}", analysis::alerts::to_string(alert.rule),
                alert.query.value_or("-"), alert.summary, analysis::alerts::to_json(alert));
  return {};
}

}  // namespace koubei::alerts
