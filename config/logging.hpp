#pragma once
// koubei's logs: one line per event on stderr, as text or JSON lines, at a configured level, and
// redacted: every configured secret (cookies and their values, tokens, DSN and proxy passwords) is
// replaced by "***" in the message before it is written, whatever the caller formatted.
//
//   text: 2026-11-22T02:00:00.123Z warn  jsonl sink: var/out/m.jsonl: cut 17 bytes …
//   json: {"ts":"2026-11-22T02:00:00.123Z","level":"warn","msg":"jsonl sink: …"}
//
// Components log through spdlog's default logger (spdlog::warn(…)); main() installs it once at
// start-up and again on a config reload. Logging is thread-safe (the sink holds a mutex).

#include <spdlog/logger.h>

#include <functional>
#include <memory>
#include <string_view>

#include "config/config.hpp"
#include "config/secret.hpp"

namespace koubei::config {

/// Where finished lines go (each without its trailing newline).
using LineWriter = std::function<void(std::string_view line)>;

/// A logger that formats per `config`, redacts with `redactor` and hands lines to `write`.
std::shared_ptr<spdlog::logger> make_logger(const LogConfig& config,
                                            std::shared_ptr<const Redactor> redactor,
                                            LineWriter write);

/// Makes a stderr logger the process default (spdlog::default_logger).
void install_logging(const LogConfig& config, std::shared_ptr<const Redactor> redactor);

}  // namespace koubei::config
