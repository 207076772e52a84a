#pragma once
// DaemonMetrics: what `koubei run` publishes on /metrics (Prometheus text format), fed by the
// crawl runtime as a RunObserver and refreshed once a second from its state:
//
//   koubei_requests_total{platform,page_type,status,outcome}   every HTTP request and its meaning
//   koubei_fetch_seconds{platform}                             histogram of fetch time
//   koubei_mentions_total{platform}                            mentions delivered for the first time
//   koubei_dedup_hits_total{platform}                          mentions found already delivered
//   koubei_mention_latency_seconds{platform}                   histogram of emitted − created
//   koubei_items_skipped_total{platform}                       items a parser or the schema check refused
//   koubei_walks_total{platform,result}                        polls / windows, complete or incomplete
//   koubei_delivery_errors_total, koubei_alerts_total
//   koubei_gate_waiting{platform}, koubei_in_flight{platform}  queue depth at each platform's gate
//   koubei_account_healthy{platform,account,state}             1 for the account's current state
//   koubei_spool_records{sink}, koubei_sink_up{sink}           each sink's spool depth and state
//   koubei_http_queued, koubei_http_running                    the HTTP engine's own queue
//   koubei_storage_up                                           0 while deliveries fail
//   koubei_jobs, koubei_jobs_owned, koubei_peers               job sharing between daemons (leases)
//   koubei_lease_round_failures                                 lease rounds the store failed
//
// Labels carry platform names, page types, account *names* and sink names: never a cookie, token
// or URL. Thread safety: on_* hooks and refresh() run on the strand; render runs on the admin
// server's thread (the registry is thread-safe).

#include "crawler/admin/metrics.hpp"
#include "scheduler/run/crawl_runtime.hpp"

namespace koubei::cli {

class DaemonMetrics final : public scheduler::RunObserver {
 public:
  explicit DaemonMetrics(admin::Registry& registry) : registry_(registry) {}

  void on_request(config::PlatformId p, std::string_view page_type, int status,
                  scheduler::Outcome o, double seconds) override;
  void on_page(config::PlatformId p, std::size_t fresh, std::size_t duplicates) override;
  void on_mention_latency(config::PlatformId p, double seconds) override;
  void on_skipped(config::PlatformId p, std::size_t items) override;
  void on_walk_done(config::PlatformId p, bool complete) override;
  void on_delivery_error() override;
  void on_alert() override;

  /// Reads the runtime's gauges (call on its strand: RunOptions::tick).
  void refresh(const scheduler::CrawlRuntime& runtime);

 private:
  admin::Registry& registry_;
};

}  // namespace koubei::cli
