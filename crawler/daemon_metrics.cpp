#include "crawler/daemon_metrics.hpp"

#include <string>

namespace koubei::cli {

namespace {

std::string name(config::PlatformId p) { return std::string(config::to_string(p)); }

// 5 ms … ~80 s: fetches; 1 s … ~3 days: mention latency.
const std::vector<double>& fetch_buckets() {
  static const auto b = admin::exponential_buckets(0.005, 2, 15);
  return b;
}
const std::vector<double>& latency_buckets() {
  static const auto b = admin::exponential_buckets(1, 2, 19);
  return b;
}

}  // namespace

void DaemonMetrics::on_request(config::PlatformId p, std::string_view page_type, int status,
                               scheduler::Outcome o, double seconds) {
  registry_
      .counter("koubei_requests_total", "HTTP requests to platforms, by status and what they meant",
               {{"platform", name(p)},
                {"page_type", std::string(page_type)},
                {"status", std::to_string(status)},
                {"outcome", std::string(scheduler::to_string(o))}})
      .inc();
  registry_.histogram("koubei_fetch_seconds", "Time of one platform request", fetch_buckets(),
                      {{"platform", name(p)}})
      .observe(seconds);
}

void DaemonMetrics::on_page(config::PlatformId p, std::size_t fresh, std::size_t duplicates) {
  registry_.counter("koubei_mentions_total", "Mentions delivered for the first time", {{"platform", name(p)}})
      .inc(fresh);
  registry_
      .counter("koubei_dedup_hits_total", "Mentions found already delivered (dedup)",
               {{"platform", name(p)}})
      .inc(duplicates);
}

void DaemonMetrics::on_mention_latency(config::PlatformId p, double seconds) {
  registry_
      .histogram("koubei_mention_latency_seconds", "Emitted minus created, per delivered mention",
                 latency_buckets(), {{"platform", name(p)}})
      .observe(seconds);
}

void DaemonMetrics::on_skipped(config::PlatformId p, std::size_t items) {
  registry_
      .counter("koubei_items_skipped_total", "Items a parser or the schema check could not use",
               {{"platform", name(p)}})
      .inc(items);
}

void DaemonMetrics::on_walk_done(config::PlatformId p, bool complete) {
  registry_
      .counter("koubei_walks_total", "Polls and backfill windows, by result",
               {{"platform", name(p)}, {"result", complete ? "complete" : "incomplete"}})
      .inc();
}

void DaemonMetrics::on_delivery_error() {
  registry_.counter("koubei_delivery_errors_total", "Delivery attempts that failed and were retried")
      .inc();
}

void DaemonMetrics::on_alert() {
  registry_.counter("koubei_alerts_total", "Alerts raised").inc();
}

void DaemonMetrics::refresh(const scheduler::CrawlRuntime& runtime) {
  static constexpr scheduler::AccountState kStates[] = {scheduler::AccountState::kHealthy,
                                                        scheduler::AccountState::kCoolingDown,
                                                        scheduler::AccountState::kUnhealthy};
  for (const auto& p : runtime.platform_states()) {
    const std::string platform = name(p.platform);
    registry_.gauge("koubei_gate_waiting", "Requests waiting at a platform's gate", {{"platform", platform}})
        .set(static_cast<double>(p.waiting));
    registry_.gauge("koubei_in_flight", "Requests in flight per platform", {{"platform", platform}})
        .set(p.in_flight);
    registry_.gauge("koubei_shared_budget", "1 while the platform's rates are token buckets shared "
                    "in Redis, 0 on this daemon's own buckets", {{"platform", platform}})
        .set(p.budgets == "shared" ? 1 : 0);
    registry_.gauge("koubei_budget_calls", "Calls to the shared budgets since start", {{"platform", platform}})
        .set(static_cast<double>(p.budget_calls));
    registry_.gauge("koubei_budget_errors", "Failed calls to the shared budgets since start",
                    {{"platform", platform}})
        .set(static_cast<double>(p.budget_errors));
    for (const auto& a : p.accounts) {
      for (const auto state : kStates) {
        registry_
            .gauge("koubei_account_healthy", "1 for each account's current state",
                   {{"platform", platform},
                    {"account", a.name},
                    {"state", std::string(scheduler::to_string(state))}})
            .set(a.state == state ? 1 : 0);
      }
    }
  }
  for (const auto& s : runtime.sink_status()) {
    registry_.gauge("koubei_spool_records", "Records waiting in a sink's spool", {{"sink", s.name}})
        .set(static_cast<double>(s.spooled_records));
    registry_.gauge("koubei_sink_up", "1 while the sink accepts writes", {{"sink", s.name}})
        .set(s.consecutive_failures == 0 ? 1 : 0);
  }
  registry_.gauge("koubei_storage_up", "0 while deliveries fail (a store or sink down)")
      .set(runtime.delivery_error().empty() ? 1 : 0);
  registry_.gauge("koubei_http_queued", "Requests waiting for an HTTP engine slot")
      .set(static_cast<double>(runtime.engine().queued()));
  registry_.gauge("koubei_http_running", "Requests running in the HTTP engine")
      .set(static_cast<double>(runtime.engine().running()));
  const auto sharing = runtime.ownership();
  registry_.gauge("koubei_jobs", "Jobs in this daemon's configuration")
      .set(static_cast<double>(runtime.job_count()));
  registry_.gauge("koubei_jobs_owned", "Jobs this daemon holds the lease of (all when not shared)")
      .set(static_cast<double>(sharing.owned.size()));
  registry_.gauge("koubei_peers", "Live daemons sharing the jobs, this one included")
      .set(static_cast<double>(sharing.peers));
  registry_.gauge("koubei_lease_round_failures", "Lease rounds that failed since start")
      .set(static_cast<double>(sharing.lease_errors));
}

}  // namespace koubei::cli
