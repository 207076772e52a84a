// koubei backfill --config FILE (--query ID[,ID...] | --all | --keywords EXPR)
//                 [--platform P[,P...]] --since TIME [--until TIME] [--out PATH|-]
// One-off historical crawl of configured queries (or an ad-hoc expression) over [since, until)
// (cli.md). Weibo is walked by s.weibo.com timescope windows when search_route = "html" (days,
// split into hours when a day fills the 50-page cap; needs a login cookie), else m.weibo.cn's
// real-time search newest first; Xiaohongshu and Douyin newest first until items are older than
// --since, Dianping shops' reviews likewise. Delivers through the configured dedup
// and sinks, unless --out sends every mention of the window to a file (or stdout with "-") with
// a private dedup. Progress on a terminal (stderr), a summary at the end.
// Exit codes: 0; 1 runtime failure; 2 usage or configuration error; 3 some pages failed.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <set>

#include "analysis/keywords/expression.hpp"
#include "config/utf8.hpp"
#include "crawler/commands.hpp"
#include "crawler/crawl_setup.hpp"
#include "crawler/run_report.hpp"
#include "crawler/time_arg.hpp"
#include "scheduler/run/crawl_runtime.hpp"
#include "storage/fd_sink.hpp"
#include "storage/jsonl_delivery_sink.hpp"
#include "storage/storage_stack.hpp"

#include <spdlog/spdlog.h>

namespace koubei::cli {
namespace {

struct BackfillOptions {
  std::string config_file;
  std::vector<std::string> queries;
  bool all = false;
  std::string keywords;
  std::vector<std::string> platforms;
  std::string since;
  std::string until;
  std::string out;
};

// The queries to walk, narrowed to --platform; nullopt (after saying why) on a usage error.
std::optional<std::vector<config::QueryConfig>> select_queries(const BackfillOptions& o,
                                                               const config::Config& config) {
  std::vector<config::QueryConfig> selected;
  const int modes = (o.queries.empty() ? 0 : 1) + (o.all ? 1 : 0) + (o.keywords.empty() ? 0 : 1);
  if (modes != 1) {
    std::cerr << "koubei backfill: give exactly one of --query, --all, --keywords\n";
    return std::nullopt;
  }
  if (o.all) selected = config.queries;
  for (const auto& id : o.queries) {
    auto it = std::find_if(config.queries.begin(), config.queries.end(),
                           [&](const config::QueryConfig& q) { return q.id == id; });
    if (it == config.queries.end()) {
      std::cerr << "koubei backfill: --query " << id << ": no [[query]] with this id in "
                << o.config_file << "\n";
      return std::nullopt;
    }
    selected.push_back(*it);
  }
  if (!o.keywords.empty()) {
    config::QueryConfig adhoc;
    adhoc.id = "adhoc";
    adhoc.keywords = text::sanitize_utf8(o.keywords);
    if (auto error = analysis::keywords::check_expression(adhoc.keywords)) {
      std::cerr << "koubei backfill: --keywords: " << error->format(adhoc.keywords) << "\n";
      return std::nullopt;
    }
    for (config::PlatformId p : config::kAllPlatforms) {
      // Dianping has no search: an ad-hoc expression cannot name shops.
      if (config.platforms.at(p).enabled && p != config::PlatformId::kDianping) {
        adhoc.platforms.push_back(p);
      }
    }
    selected.push_back(std::move(adhoc));
  }
  if (!o.platforms.empty()) {
    std::set<config::PlatformId> wanted;
    for (const auto& name : o.platforms) {
      const auto p = config::platform_from_string(name);
      if (!p) {
        std::cerr << "koubei backfill: --platform " << name
                  << ": not a platform (weibo, xiaohongshu, douyin, dianping)\n";
        return std::nullopt;
      }
      wanted.insert(*p);
    }
    for (auto& q : selected) {
      std::erase_if(q.platforms, [&](config::PlatformId p) { return !wanted.contains(p); });
    }
  }
  return selected;
}

int run_backfill(const BackfillOptions& o) {
  auto config = load_config_or_report(o.config_file, std::cerr, "backfill");
  if (!config) return kExitUsage;
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());
  const auto since = parse_time_arg(o.since, now);
  const auto until = o.until.empty() ? std::optional(now) : parse_time_arg(o.until, now);
  if (!since || !until) {
    std::cerr << "koubei backfill: --" << (!since ? "since \"" + o.since : "until \"" + o.until)
              << "\" is not a time (expected 2026-11-01, 2026-11-01T08:00:00+08:00 or -7d)\n";
    return kExitUsage;
  }
  if (*since >= *until) {
    std::cerr << "koubei backfill: --since must be before --until\n";
    return kExitUsage;
  }
  auto queries = select_queries(o, *config);
  if (!queries) return kExitUsage;

  auto setup = make_crawl_setup(*config, std::cerr, "backfill", true);
  if (!setup) return kExitUsage;
  Result<storage::StorageStack> stack = storage::open_storage(*config);
  std::string spool_root;
  if (!o.out.empty()) {
    // A private output: its own dedup, its own spool in a temporary directory.
    char dir[] = "/tmp/koubei-backfill-XXXXXX";
    if (::mkdtemp(dir) == nullptr) {
      std::cerr << "koubei backfill: cannot create a temporary spool directory\n";
      return kExitFailure;
    }
    spool_root = dir;
    std::unique_ptr<storage::Sink> sink;
    if (o.out == "-") {
      sink = std::make_unique<storage::FdSink>(STDOUT_FILENO, "stdout");
    } else {
      storage::JsonlSinkOptions file;
      file.path_pattern = o.out;
      sink = std::make_unique<storage::JsonlDeliverySink>("out", file);
    }
    stack = storage::open_private_storage(*config, std::move(sink), spool_root);
  }
  if (!stack) {
    std::cerr << "koubei backfill: storage: " << stack.error().message() << "\n";
    return kExitUsage;
  }

  const bool tty = ::isatty(STDERR_FILENO) != 0;
  const auto started = std::chrono::steady_clock::now();
  scheduler::RunOptions options;
  options.mode = scheduler::RunMode::kBackfill;
  options.queries = std::move(*queries);
  options.watches = false;
  options.since_ms = since->time_since_epoch().count();
  options.until_ms = until->time_since_epoch().count();
  options.raise = setup->raise();
  options.handle_signals = true;
  options.glyphs = setup->glyphs;
  std::unique_ptr<scheduler::CrawlRuntime> runtime;
  if (tty) {
    options.tick = [&runtime, started] {
      if (runtime) {
        std::cerr << "\r\033[K" << progress_line(*runtime, std::chrono::steady_clock::now() - started)
                  << std::flush;
      }
    };
  }
  try {
    runtime = std::make_unique<scheduler::CrawlRuntime>(*config, *stack, *setup->folder,
                                                        std::move(options));
  } catch (const std::exception& e) {
    std::cerr << "koubei backfill: " << e.what() << "\n";
    return kExitUsage;
  }
  if (runtime->job_count() == 0) {
    for (const auto& m : runtime->refused()) std::cerr << "koubei backfill: " << m << "\n";
    std::cerr << "koubei backfill: nothing to crawl for this selection\n";
    return kExitUsage;
  }
  spdlog::info("backfill: {} job(s), {}; {}", runtime->job_count(), stack->description(),
               o.out.empty() ? "configured sinks" : "output " + o.out);
  const scheduler::StopReason reason = runtime->run();
  if (tty) std::cerr << "\r\033[K" << progress_line(*runtime, std::chrono::steady_clock::now() - started) << "\n";
  print_run_summary(std::cerr, "backfill", *runtime);
  const bool complete = all_complete(*runtime);
  runtime.reset();
  stack->pipeline.reset();  // sinks and spools close before their directory goes
  stack->stores = {};
  if (!spool_root.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(spool_root, ec);  // empty once everything was delivered
  }
  if (reason == scheduler::StopReason::kStopped) return kExitFailure;
  return complete ? kExitOk : kExitPartial;
}

}  // namespace

void add_backfill(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<BackfillOptions>();
  CLI::App* cmd = app.add_subcommand("backfill", "Crawl configured queries over a past time window");
  cmd->add_option("--config,-c", o->config_file, "Configuration file (TOML)")->required();
  cmd->add_option("--query", o->queries, "Query ids (comma-separated)")->delimiter(',');
  cmd->add_flag("--all", o->all, "Every configured query");
  cmd->add_option("--keywords", o->keywords, "An ad-hoc keyword expression");
  cmd->add_option("--platform", o->platforms, "Only these platforms (comma-separated)")->delimiter(',');
  cmd->add_option("--since", o->since, "Start of the window (2026-11-01, RFC 3339, -7d)")->required();
  cmd->add_option("--until", o->until, "End of the window (exclusive; default now)");
  cmd->add_option("--out", o->out, "Write mentions to this file (\"-\": stdout) with a private dedup");
  cmd->callback([o, exit_code] { *exit_code = run_backfill(*o); });
}

}  // namespace koubei::cli
