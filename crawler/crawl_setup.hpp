#pragma once
// What `koubei run` and `koubei backfill` set up before crawling, in one place: the validated
// configuration, logging (redacting every configured secret), the text folder (OpenCC) the
// keyword filter, sentiment and alert rules share, the Dianping glyph map, and the alert
// dispatcher with its channels. Every failure here is a start-up failure: it is printed (with
// file:line where there is one) and the command exits 2 without having started anything.
//
// Thread safety: built and destroyed on the command's thread; the dispatcher is thread-safe.

#include "analysis/keywords/text_folder.hpp"
#include "config/config.hpp"
#include "crawler/alerts/alert_dispatcher.hpp"
#include "crawler/http/http_engine.hpp"
#include "parsers/context.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace koubei::cli {

/// Loads and validates `path`; on failure prints every problem to `err` and returns nullopt.
std::optional<config::Config> load_config_or_report(const std::string& path, std::ostream& err,
                                                    std::string_view command);

struct CrawlSetup {
  std::unique_ptr<analysis::keywords::TextFolder> folder;
  parsers::GlyphMap glyphs;
  std::unique_ptr<http::HttpEngine> alert_engine;  // declared before the dispatcher: outlives it
  std::unique_ptr<alerts::AlertDispatcher> dispatcher;
  std::filesystem::path dead_letter;

  /// The alert hand-off for RunOptions::raise (empty when alerts are disabled).
  std::function<void(analysis::alerts::Alert)> raise();
  ~CrawlSetup();
};

/// Installs logging and builds the shared pieces; nullopt (after printing why) on failure.
std::unique_ptr<CrawlSetup> make_crawl_setup(const config::Config& config, std::ostream& err,
                                             std::string_view command, bool with_alerts);

}  // namespace koubei::cli
