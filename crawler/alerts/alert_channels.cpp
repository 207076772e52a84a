#include "crawler/alerts/alert_channels.hpp"

#include "crawler/alerts/dead_letter_file.hpp"
#include "crawler/alerts/log_alert_sink.hpp"
#include "crawler/alerts/redis_stream_alert_sink.hpp"
#include "crawler/alerts/webhook_alert_sink.hpp"
#include "storage/redis/redis_connection.hpp"

#include <cassert>

namespace koubei::alerts {

std::filesystem::path dead_letter_path(const config::Config& config) {
  const std::filesystem::path file(config.alerts.dead_letter);
  if (file.is_absolute()) return file;
  return std::filesystem::path(config.daemon.state_dir) / file;
}

bool needs_http_engine(const config::Config& config) {
  return !config.alerts.webhook.url.empty();
}

Result<AlertChannels> make_alert_channels(const config::Config& config,
                                          http::HttpEngine* engine,
                                          std::shared_ptr<spdlog::logger> logger) {
  const config::AlertsConfig& a = config.alerts;
  AlertChannels out;
  if (needs_http_engine(config)) {
    assert(engine != nullptr);
    WebhookOptions options = webhook_options(a.webhook);
    options.logger = logger;
    out.channels.push_back(std::make_unique<WebhookAlertSink>(*engine, std::move(options)));
  }
  if (!a.redis_stream.stream.empty() && config.redis) {
    auto options = storage::redis::connection_options(*config.redis);
    if (!options) {
      Error e = options.error();
      e.where = "alerts.redis_stream: " + e.where;
      return e;
    }
    out.channels.push_back(std::make_unique<RedisStreamAlertSink>(
        std::make_shared<storage::redis::RedisConnection>(std::move(*options)),
        a.redis_stream.stream,
        a.redis_stream.maxlen));
  }
  if (a.log) {
    // The log is a record, not a delivery, once a remote channel exists: an alert the webhook and
    // the stream both refused must still reach the dead-letter file.
    auto& into = out.channels.empty() ? out.channels : out.observers;
    into.insert(into.begin(), std::make_unique<LogAlertSink>(logger));
  }
  out.dead_letter = std::make_unique<DeadLetterFile>(dead_letter_path(config));
  return out;
}

}  // namespace koubei::alerts
