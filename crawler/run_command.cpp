// koubei run --config FILE [--once]: the daemon (cli.md). Schedules every configured query on
// every platform it names and every [[watch]], forever; --once runs one poll of every job and
// exits (cron, tests). Logs go to stderr; a summary line ends the run.
// SIGTERM/SIGINT: graceful stop within [daemon] shutdown_grace, exit 0. SIGHUP: the file is
// loaded and validated again; a valid one replaces the running configuration (the crawl restarts
// on it, keeping its storage: [redis], [[sink]] and state_dir changes need a restart), a broken one
// is reported and the old configuration keeps running.
// Exit codes: 0; 1 runtime failure; 2 configuration or start-up error; 3 (--once) some job failed.
#include <iostream>
#include <memory>
#include <mutex>

#include "crawler/admin/admin_server.hpp"
#include "crawler/commands.hpp"
#include "crawler/daemon_metrics.hpp"
#include "crawler/crawl_setup.hpp"
#include "crawler/run_report.hpp"
#include "scheduler/run/crawl_runtime.hpp"
#include "storage/storage_stack.hpp"

#include <spdlog/spdlog.h>

namespace koubei::cli {
namespace {

struct RunOptions {
  std::string config_file;
  bool once = false;
};

bool same_storage(const config::Config& a, const config::Config& b) {
  const auto redis_url = [](const config::Config& c) {
    return c.redis ? std::string(c.redis->url.reveal()) : std::string();
  };
  if (a.daemon.state_dir != b.daemon.state_dir || redis_url(a) != redis_url(b)) return false;
  if (a.sinks.size() != b.sinks.size()) return false;
  for (std::size_t i = 0; i < a.sinks.size(); ++i) {
    if (a.sinks[i].name != b.sinks[i].name || a.sinks[i].type != b.sinks[i].type ||
        a.sinks[i].path != b.sinks[i].path) {
      return false;
    }
  }
  return true;
}

int run_daemon(const RunOptions& o) {
  auto loaded = load_config_or_report(o.config_file, std::cerr, "run");
  if (!loaded) return kExitUsage;
  auto config = std::make_unique<config::Config>(std::move(*loaded));
  if (config->queries.empty() && config->watches.empty()) {
    std::cerr << "koubei run: " << o.config_file
              << ": nothing to crawl (add a [[query]] or a [[watch]])\n";
    return kExitUsage;
  }
  auto setup = make_crawl_setup(*config, std::cerr, "run", true);
  if (!setup) return kExitUsage;
  auto stack = storage::open_storage(*config);
  if (!stack) {
    std::cerr << "koubei run: storage: " << stack.error().message() << "\n";
    return kExitUsage;
  }
  spdlog::info("koubei run: {}; {}", o.config_file, stack->description());

  // /metrics and /healthz outlive reloads; /healthz asks whichever runtime is current.
  admin::Registry registry;
  DaemonMetrics metrics(registry);
  std::mutex current_mutex;
  scheduler::CrawlRuntime* current = nullptr;
  std::unique_ptr<admin::AdminServer> admin_server;
  if (!config->daemon.metrics_listen.empty()) {
    auto started = admin::AdminServer::start(
        {.listen = config->daemon.metrics_listen}, registry, [&current_mutex, &current] {
          std::lock_guard lock(current_mutex);
          if (current == nullptr) return admin::Health{false, "{\"status\":\"starting\"}"};
          const scheduler::Health h = current->health();
          return admin::Health{h.ok, h.json};
        });
    if (!started) {
      std::cerr << "koubei run: [daemon] metrics_listen: " << started.error().message() << "\n";
      return kExitUsage;
    }
    admin_server = std::move(*started);
    spdlog::info("metrics and health on http://{}/metrics and /healthz", admin_server->address());
  }

  std::unique_ptr<config::Config> pending;
  for (;;) {
    scheduler::RunOptions options;
    options.mode = o.once ? scheduler::RunMode::kOnce : scheduler::RunMode::kDaemon;
    options.queries = config->queries;
    options.watches = true;
    options.raise = setup->raise();
    options.handle_signals = true;
    options.glyphs = setup->glyphs;
    options.observer = &metrics;
    scheduler::CrawlRuntime* const* runtime_slot = &current;
    options.tick = [&metrics, runtime_slot] {
      if (*runtime_slot != nullptr) metrics.refresh(**runtime_slot);
    };
    options.reload = [&] {
      auto next = load_config_or_report(o.config_file, std::cerr, "run (SIGHUP)");
      if (!next) {
        spdlog::error("reload: {} is not valid; still running on the previous configuration",
                      o.config_file);
        return false;
      }
      if (!same_storage(*config, *next)) {
        spdlog::warn("reload: [redis], [[sink]] or state_dir changed; they take effect at the "
                     "next restart");
      }
      pending = std::make_unique<config::Config>(std::move(*next));
      return true;
    };
    std::unique_ptr<scheduler::CrawlRuntime> runtime;
    try {
      runtime = std::make_unique<scheduler::CrawlRuntime>(*config, *stack, *setup->folder,
                                                          std::move(options));
    } catch (const std::exception& e) {
      std::cerr << "koubei run: " << e.what() << "\n";
      return kExitUsage;
    }
    spdlog::info("crawling: {} job(s) on {}", runtime->job_count(), o.config_file);
    {
      std::lock_guard lock(current_mutex);
      current = runtime.get();
    }
    const scheduler::StopReason reason = runtime->run();
    {
      std::lock_guard lock(current_mutex);
      current = nullptr;
    }
    print_run_summary(std::cerr, "run", *runtime);
    if (reason == scheduler::StopReason::kReload && pending) {
      // The old runtime is gone before the new one starts: one set of threads at a time.
      runtime.reset();
      config = std::move(pending);
      spdlog::info("reload: now running on the new configuration");
      continue;
    }
    if (o.once) return all_complete(*runtime) ? kExitOk : kExitPartial;
    return kExitOk;
  }
}

}  // namespace

void add_run(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run the crawl daemon on a configuration");
  cmd->add_option("--config,-c", options->config_file, "Configuration file (TOML)")->required();
  cmd->add_flag("--once", options->once, "Run one poll of every job, then exit");
  cmd->callback([options, exit_code] { *exit_code = run_daemon(*options); });
}

}  // namespace koubei::cli
