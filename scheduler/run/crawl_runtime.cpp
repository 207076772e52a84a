#include "scheduler/run/crawl_runtime.hpp"

#include "config/json_string.hpp"
#include "scheduler/run/run_on.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <set>

namespace koubei::scheduler {

namespace asio = boost::asio;

CrawlRuntime::CrawlRuntime(const config::Config& config, storage::StorageStack& stack,
                           const analysis::keywords::TextFolder& folder, RunOptions options)
    : config_(config),
      options_(std::move(options)),
      totals_(options_.observer),
      engine_(std::make_unique<http::HttpEngine>(config.http)),
      parse_pool_(config.crawl.parse_threads) {
  parsers::ParseLimits limits;
  limits.max_body = config.http.max_decompressed;
  limits.max_items = config.parse.max_items;
  limits.max_dom_depth = config.parse.max_dom_depth;
  limits.max_dom_nodes = config.parse.max_dom_nodes;
  parsers_ = std::make_unique<ParserPool>(limits, options_.glyphs);
  enricher_ = std::make_unique<Enricher>(config, folder);
  std::filesystem::path quarantine = config.parse.quarantine_dir;
  if (quarantine.is_relative()) quarantine = std::filesystem::path(config.daemon.state_dir) / quarantine;
  quarantine_ = std::make_unique<storage::Quarantine>(quarantine, config.parse.quarantine_max);
  if (config.alerts.enabled && options_.raise) {
    alerts_ = std::make_unique<analysis::alerts::AlertEngine>(config.alerts, folder);
  }

  services_.config = &config_;
  services_.strand = io_.get_executor();
  services_.parse = parse_pool_.get_executor();
  services_.storage = storage_thread_.get_executor();
  services_.engine = engine_.get();
  services_.parsers = parsers_.get();
  services_.enricher = enricher_.get();
  services_.stack = &stack;
  delivery_ = std::make_unique<GroupDelivery>(services_.storage, stack.pipeline.get(),
                                              config.crawl.delivery_group);
  services_.delivery = delivery_.get();
  walk_slots_ = std::make_unique<WalkSlots>(io_.get_executor(), config.crawl.active_walks);
  services_.quarantine = quarantine_.get();
  services_.observer = &totals_;
  services_.alerts = alerts_.get();
  services_.raise = options_.raise;
  for (const auto& [id, platform] : config.platforms) {
    if (!platform.enabled) continue;
    const config::CrawlConfig& c = config.crawl;
    const CooldownPolicy cooldowns{c.cooldown_rate_limited, c.cooldown_captcha, c.cooldown_login,
                                   c.cooldown_signature,    c.cooldown_max,     c.unhealthy_after};
    services_.lanes.emplace(id, std::make_unique<PlatformLane>(io_.get_executor(), id, platform,
                                                                cooldowns));
    services_.clients.emplace(id, clients::PlatformClient(id, platform));
    const auto burst = static_cast<std::uint32_t>(std::max(1.0, config.crawl.author_fetches.count));
    services_.author_budget.emplace(
        id, TokenBucket(config.crawl.author_fetches, std::min<std::uint32_t>(burst, 10), Clock::now()));
  }

  std::set<std::string> reported;
  for (JobSpec& spec : make_jobs(config, options_.queries, options_.watches, folder)) {
    const auto& client = services_.clients.at(spec.platform);
    if (auto walk = client.start(spec.listing, 0, 0); !walk) {
      // Said once per platform and listing kind, clearly, at start (issue 8 §1).
      const std::string what = std::string(config::to_string(spec.platform)) + " " +
                               std::string(clients::to_string(spec.listing.kind));
      std::string message = what + ": " + walk.error().message();
      if (walk.error().code == clients::ClientErrc::kSignatureRequired) {
        message = what + ": signature_required: [platforms." +
                  std::string(config::to_string(spec.platform)) +
                  "] signer_url is empty and this route must be signed; its jobs do not run";
      }
      if (reported.insert(message).second) {
        spdlog::error("{}", message);
        refused_.push_back(message);
      }
      continue;
    }
    auto job = std::make_unique<Job>();
    job->spec = std::move(spec);
    job->state.id = job->spec.id;
    job->state.label = job->spec.label;
    job->state.platform = job->spec.platform;
    job->state.filter = QueryFilter{job->spec.query_id, job->spec.matcher.get()};
    job->state.comments = job->spec.comments;
    job->state.seen = SeenItems(config.crawl.seen_per_job);
    job->interval = job->spec.interval.min;
    job->timer = std::make_unique<asio::steady_timer>(io_);
    job->outcome.label = job->spec.label;
    job->outcome.platform = job->spec.platform;
    jobs_.push_back(std::move(job));
  }
  if (options_.mode == RunMode::kDaemon && stack.stores.leases && config.daemon.lease_ttl.count() > 0) {
    std::string member = config.daemon.member;
    if (member.empty()) {
      char host[256] = {};
      if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "host");
      member = std::string(host) + ":" + std::to_string(::getpid());
    }
    std::vector<std::string> ids;
    for (const auto& job : jobs_) ids.push_back(job->spec.id);
    // Trust a lease a tenth of its length (at least 1 s) less than granted: the margin covers the
    // round trip and a clock that runs a little fast against the server's.
    const std::int64_t ttl = config.daemon.lease_ttl.count();
    ownership_ = std::make_unique<JobOwnership>(member, std::move(ids), ttl,
                                                std::max<std::int64_t>(1000, ttl / 10));
    ownership_changed_ = std::make_unique<asio::steady_timer>(io_, asio::steady_timer::time_point::max());
    spdlog::info("job leases: member {}, lease {} ms: jobs are shared with the daemons on the same "
                 "Redis",
                 member, ttl);
  }
  // Politeness is shared by everything that runs this configuration on this Redis: the daemons,
  // and a `koubei backfill` or `run --once` started next to them (they take no leases, but they
  // use the same accounts).
  if (stack.stores.budgets && config.daemon.lease_ttl.count() > 0) share_budgets(*stack.stores.budgets);
  refresh_health();
}

void CrawlRuntime::share_budgets(storage::SharedBudgets& budgets) {
  auto coord = coord_thread_.get_executor();
  auto strand = io_.get_executor();
  for (auto& [id, lane] : services_.lanes) {
    const std::string platform(config::to_string(id));
    SharedBudgetLink link;
    link.take = [coord, strand, &budgets](storage::BudgetTake request, SharedBudgetLink::TakeDone done) {
      asio::post(coord, [strand, &budgets, request = std::move(request), done = std::move(done)]() mutable {
        Result<storage::BudgetGrant> answer = budgets.take(request);
        asio::post(strand, [done = std::move(done), answer = std::move(answer)]() mutable {
          done(std::move(answer));
        });
      });
    };
    // A lost report only means the peers learn of a cool-down when their own requests hit it.
    auto failed = [this, platform](const Result<void>& r, std::string_view what) {
      if (r) return;
      if (budget_report_errors_++ == 0) {
        spdlog::warn("{}: shared budgets: could not report {}: {}", platform, what, r.error().message());
      }
    };
    link.block = [coord, &budgets, platform, failed](std::string bucket, std::int64_t for_ms,
                                                     std::string state, std::string reason) {
      asio::post(coord, [=, &budgets] {
        failed(budgets.block(platform, bucket, for_ms, state, reason, 10 * 60'000), "a cool-down");
      });
    };
    link.clear = [coord, &budgets, platform, failed](std::string bucket) {
      asio::post(coord, [=, &budgets] { failed(budgets.clear(platform, bucket), "a recovery"); });
    };
    lane->use_shared_budgets(std::move(link));
  }
  spdlog::info("shared budgets: every platform's and account's rate is one token bucket in Redis "
               "for all daemons together");
}

CrawlRuntime::~CrawlRuntime() {
  engine_->stop();
  parse_pool_.join();
  storage_thread_.join();
  coord_thread_.join();
}

void CrawlRuntime::request_stop() {
  if (stop_requested_.exchange(true)) return;
  asio::post(io_, [this] { begin_stop(StopReason::kStopped); });
}

StopReason CrawlRuntime::run() {
  asio::signal_set signals(io_);
  // Outlives every wait on `signals` (each handler re-arms with a copy of it).
  std::function<void(const boost::system::error_code&, int)> on_signal;
  if (options_.handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.add(SIGHUP);
    on_signal = [&](const boost::system::error_code& ec, int signo) {
          if (ec) return;
          if (signo == SIGHUP) {
            spdlog::info("SIGHUP: reloading {}", config_.source_file);
            if (options_.reload && options_.reload()) begin_stop(StopReason::kReload);
          } else if (services_.stopping && reason_ != StopReason::kFinished) {
            spdlog::warn("second signal: exiting now");
            ::_exit(1);
          } else {
            spdlog::info("{}: stopping (in-flight work gets {} ms)", signo == SIGINT ? "SIGINT" : "SIGTERM",
                         config_.daemon.shutdown_grace.count());
            begin_stop(StopReason::kStopped);
          }
          if (running_jobs_ > 0) signals.async_wait(on_signal);
        };
    signals.async_wait(on_signal);
  }
  running_jobs_ = jobs_.size();
  for (auto& job : jobs_) {
    Job* j = job.get();
    asio::co_spawn(io_, options_.mode == RunMode::kBackfill ? backfill_job(*j) : daemon_job(*j),
                   asio::detached);
  }
  asio::co_spawn(io_, housekeeping(), asio::detached);
  if (ownership_) asio::co_spawn(io_, coordinate(), asio::detached);
  if (jobs_.empty()) begin_stop(StopReason::kFinished);
  // When the last job ends, nothing else may keep the loop alive.
  finished_ = [&signals] { signals.cancel(); };
  io_.run();
  leave_peers();
  for (const auto& job : jobs_) outcomes_.push_back(job->outcome);
  return reason_;
}

void CrawlRuntime::begin_stop(StopReason reason) {
  if (services_.stopping) return;
  services_.stopping = true;
  reason_ = reason;
  for (auto& [id, lane] : services_.lanes) lane->stop();
  for (auto& job : jobs_) job->timer->cancel();
  if (ownership_changed_) ownership_changed_->cancel();
  walk_slots_->close();
  grace_ = std::make_unique<asio::steady_timer>(io_, config_.daemon.shutdown_grace);
  grace_->async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    spdlog::warn("shutdown grace over: abandoning in-flight requests");
    engine_->cancel_all();
  });
  if (running_jobs_ == 0) wind_down();
}

void CrawlRuntime::job_finished() {
  if (--running_jobs_ > 0) return;
  if (!services_.stopping) begin_stop(StopReason::kFinished);
  wind_down();
}

void CrawlRuntime::wind_down() {
  if (grace_) grace_->cancel();
  if (housekeeping_timer_) housekeeping_timer_->cancel();
  if (lease_timer_) lease_timer_->cancel();
  if (finished_) finished_();
}

asio::awaitable<void> CrawlRuntime::housekeeping() {
  housekeeping_timer_ = std::make_unique<asio::steady_timer>(io_);
  storage::DeliveryPipeline* pipeline = services_.stack->pipeline.get();
  for (std::uint64_t tick = 0; !services_.stopping || running_jobs_ > 0; ++tick) {
    if (tick % 5 == 0) {
      // Spools drain even while no job delivers; the lanes' view feeds /healthz and /metrics.
      auto replay = [pipeline] {
        (void)pipeline->replay();
        return pipeline->lanes();
      };
      sink_status_ = co_await run_on(services_.storage, std::move(replay));
    }
    refresh_health();
    if (options_.tick) options_.tick();
    if (running_jobs_ == 0) break;
    housekeeping_timer_->expires_after(std::chrono::seconds(1));
    auto [ec] = co_await housekeeping_timer_->async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec && running_jobs_ == 0) break;
  }
}

void CrawlRuntime::refresh_health() {
  Health h;
  std::string& j = h.json;
  j = "{\"platforms\":{";
  std::set<config::PlatformId> busy;
  for (const auto& job : jobs_) busy.insert(job->spec.platform);
  bool first = true;
  for (const auto& [id, lane] : services_.lanes) {
    const bool blocked = busy.contains(id) && lane->all_unhealthy();
    if (blocked) h.ok = false;
    j += first ? "\"" : ",\"";
    first = false;
    j += std::string(config::to_string(id)) + "\":{\"all_accounts_unhealthy\":" +
         (blocked ? "true" : "false") + ",\"waiting\":" + std::to_string(lane->waiting()) +
         ",\"in_flight\":" + std::to_string(lane->in_flight()) +
         ",\"rate_share\":" + std::to_string(lane->share()) + ",\"budgets\":\"" +
         std::string(lane->budgets()) + "\",\"budget_calls\":" + std::to_string(lane->budget_calls()) +
         ",\"budget_errors\":" + std::to_string(lane->budget_errors()) + ",\"accounts\":[";
    bool first_account = true;
    for (const auto& a : lane->accounts()) {
      j += first_account ? "{" : ",{";
      first_account = false;
      j += "\"name\":";
      text::append_json_string(a.name, j);
      j += ",\"state\":\"" + std::string(to_string(a.state)) + "\",\"reason\":";
      text::append_json_string(a.reason, j);
      j += "}";
    }
    j += "]}";
  }
  j += "},\"storage\":{\"ok\":";
  j += services_.delivery_error.empty() ? "true" : "false";
  if (!services_.delivery_error.empty()) h.ok = false;
  j += ",\"error\":";
  text::append_json_string(services_.delivery_error, j);
  j += ",\"sinks\":[";
  for (std::size_t i = 0; i < sink_status_.size(); ++i) {
    const auto& s = sink_status_[i];
    j += i == 0 ? "{\"name\":" : ",{\"name\":";
    text::append_json_string(s.name, j);
    j += ",\"up\":" + std::string(s.consecutive_failures == 0 ? "true" : "false") +
         ",\"spooled_records\":" + std::to_string(s.spooled_records) + "}";
  }
  const Ownership sharing = ownership();
  j += "]},\"sharing\":{\"shared\":";
  j += sharing.shared ? "true" : "false";
  j += ",\"member\":";
  text::append_json_string(sharing.member, j);
  j += ",\"peers\":" + std::to_string(sharing.peers) +
       ",\"lease_round_failures\":" + std::to_string(sharing.lease_errors) + ",\"owned\":[";
  for (std::size_t i = 0; i < sharing.owned.size(); ++i) {
    if (i > 0) j += ",";
    text::append_json_string(sharing.owned[i], j);
  }
  j += "]},\"jobs\":" + std::to_string(jobs_.size()) +
       ",\"mentions\":" + std::to_string(totals_.fresh.load()) + ",\"status\":\"" +
       (h.ok ? "ok" : "degraded") + "\"}";
  std::lock_guard lock(health_mutex_);
  health_ = std::move(h);
}

std::vector<CrawlRuntime::PlatformState> CrawlRuntime::platform_states() const {
  std::vector<PlatformState> out;
  for (const auto& [id, lane] : services_.lanes) {
    out.push_back({id, lane->waiting(), lane->in_flight(), lane->accounts(),
                   std::string(lane->budgets()), lane->budget_calls(), lane->budget_errors()});
  }
  return out;
}

Health CrawlRuntime::health() const {
  std::lock_guard lock(health_mutex_);
  return health_;
}

}  // namespace koubei::scheduler
