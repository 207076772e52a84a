#include "crawler/parse_alerts.hpp"

#include "crawler/alerts/alert_channels.hpp"

#include <ostream>
#include <stdexcept>

namespace koubei::cli {

ParseAlerts::ParseAlerts(const config::Config& config, const analysis::keywords::TextFolder& folder)
    : enabled_(config.alerts.enabled),
      rules_(config.alerts, folder),
      dead_letter_(alerts::dead_letter_path(config)) {
  if (!enabled_) return;
  if (alerts::needs_http_engine(config)) engine_ = std::make_unique<http::HttpEngine>(config.http);
  auto channels = alerts::make_alert_channels(config, engine_.get());
  if (!channels) throw std::runtime_error(channels.error().message());
  dispatcher_ =
      std::make_unique<alerts::AlertDispatcher>(std::move(*channels), config.alerts.queue);
}

ParseAlerts::~ParseAlerts() {
  dispatcher_.reset();  // finish delivering before the engine stops
}

void ParseAlerts::observe(const model::Mention& mention, model::Timestamp now) {
  if (!enabled_) return;
  for (auto& alert : rules_.observe(mention, now)) {
    ++raised_;
    dispatcher_->submit(std::move(alert));
  }
}

bool ParseAlerts::finish(std::ostream& err) {
  if (!enabled_) {
    err << "alerts: disabled ([alerts] enabled = false)\n";
    return true;
  }
  dispatcher_->stop();
  const alerts::DispatchStats s = dispatcher_->stats();
  err << "alerts: " << raised_ << " raised (" << rules_.stats().suppressed << " suppressed)";
  for (const auto& c : s.channels) {
    err << "; " << c.name << " " << c.delivered << " ok";
    if (c.failed != 0) err << ", " << c.failed << " failed";
  }
  err << "; " << s.dead_lettered << " dead-lettered";
  if (s.dead_lettered != 0) err << " (" << dead_letter_.string() << ")";
  err << ", " << s.lost << " lost\n";
  return s.lost == 0;
}

}  // namespace koubei::cli
