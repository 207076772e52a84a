#pragma once
// The alert channels [alerts] configures, built once at start-up for the daemon and for
// `koubei parse --alerts`: the log (an observer when a remote channel exists, else the only
// channel), the webhook, the Redis Stream and the dead-letter file.
//
// Thread safety: plain functions. The returned sinks follow AlertDispatcher's rules.

#include "config/config.hpp"
#include "crawler/alerts/alert_dispatcher.hpp"
#include "crawler/http/http_engine.hpp"

#include <spdlog/logger.h>

#include <filesystem>
#include <memory>

namespace koubei::alerts {

/// [alerts] dead_letter, inside [daemon] state_dir when relative.
std::filesystem::path dead_letter_path(const config::Config& config);

/// True when [alerts.webhook] url is set (the caller must then provide an HTTP engine).
bool needs_http_engine(const config::Config& config);

/// The configured channels. Connecting to Redis is lazy (first alert), so a Redis that is down
/// at start-up only sends alerts to the other channels or the dead-letter file.
/// REQUIRES: engine non-null when needs_http_engine(config); it outlives the channels.
/// Errors: a bad [redis] url (storage::Errc::kBadAddress).
Result<AlertChannels> make_alert_channels(const config::Config& config,
                                          http::HttpEngine* engine,
                                          std::shared_ptr<spdlog::logger> logger = nullptr);

}  // namespace koubei::alerts
