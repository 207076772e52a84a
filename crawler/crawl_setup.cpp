#include "crawler/crawl_setup.hpp"

#include "config/load.hpp"
#include "config/logging.hpp"
#include "crawler/alerts/alert_channels.hpp"
#include "crawler/clients/glyph_map_file.hpp"

namespace koubei::cli {

std::optional<config::Config> load_config_or_report(const std::string& path, std::ostream& err,
                                                    std::string_view command) {
  try {
    return config::load(path);
  } catch (const config::LoadError& e) {
    err << e.what();
    err << "koubei " << command << ": " << path << ": configuration refused; nothing was started\n";
    return std::nullopt;
  }
}

std::function<void(analysis::alerts::Alert)> CrawlSetup::raise() {
  if (!dispatcher) return {};
  alerts::AlertDispatcher* d = dispatcher.get();
  return [d](analysis::alerts::Alert alert) { d->submit(std::move(alert)); };
}

CrawlSetup::~CrawlSetup() {
  if (dispatcher) dispatcher->stop();  // deliver what was raised before the engine stops
  dispatcher.reset();
}

std::unique_ptr<CrawlSetup> make_crawl_setup(const config::Config& config, std::ostream& err,
                                             std::string_view command, bool with_alerts) {
  config::install_logging(config.log, std::make_shared<const config::Redactor>(config.redactor()));
  auto setup = std::make_unique<CrawlSetup>();
  try {
    setup->folder = std::make_unique<analysis::keywords::TextFolder>();
  } catch (const std::exception& e) {
    err << "koubei " << command << ": " << e.what() << "\n";
    return nullptr;
  }
  const std::string& glyph_map = config.platforms.at(config::PlatformId::kDianping).glyph_map;
  if (!glyph_map.empty()) {
    auto glyphs = clients::load_glyph_map(glyph_map);
    if (!glyphs) {
      err << "koubei " << command << ": [platforms.dianping] glyph_map: "
          << glyphs.error().message() << "\n";
      return nullptr;
    }
    setup->glyphs = std::move(*glyphs);
  }
  if (with_alerts && config.alerts.enabled) {
    if (alerts::needs_http_engine(config)) {
      setup->alert_engine = std::make_unique<http::HttpEngine>(config.http);
    }
    auto channels = alerts::make_alert_channels(config, setup->alert_engine.get());
    if (!channels) {
      err << "koubei " << command << ": [alerts]: " << channels.error().message() << "\n";
      return nullptr;
    }
    setup->dispatcher =
        std::make_unique<alerts::AlertDispatcher>(std::move(*channels), config.alerts.queue);
    setup->dead_letter = alerts::dead_letter_path(config);
  }
  return setup;
}

}  // namespace koubei::cli
