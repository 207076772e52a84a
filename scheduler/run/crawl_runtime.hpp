#pragma once
// CrawlRuntime: the daemon's and the backfill's engine room. It wires the stages of
// ARCHITECTURE.md together and runs the jobs:
//
//   strand (the thread that calls run()): job coroutines, platform lanes, decisions, alerts
//   network thread (HttpEngine) · parse pool (crawl.parse_threads) · storage thread (the
//   StorageStack the caller opened, used only from there)
//
// Modes
// - kDaemon: every job polls forever; after each walk the platform's request budget is re-split
//   between its jobs, fᵢ ∝ √(wᵢ·λᵢ) (scheduler/core/poll_plan.hpp), λ estimated from the items'
//   creation times (ArrivalRate); the job's watermark is checkpointed after a complete walk.
// - kOnce: every job walks once (as the daemon's next poll would), then run() returns.
// - kBackfill: every job walks [since, until): Weibo with search_route = "html" by timescope
//   windows (BackfillWindows: days, then hours when a day hits the page cap), everything else
//   (Weibo's API route included) newest first until older than since.
//   Backfills read and write no checkpoints.
//
// Sharing (kDaemon with a lease table, i.e. [redis], and [daemon] lease_ttl > 0): daemons with the
// same configuration split the jobs (scheduler/core/job_ownership.hpp). A coordinator coroutine
// joins (a heartbeat-only round), waits lease_ttl / 3 so that daemons started together count
// each other, then runs a lease round every lease_ttl / 3 on the coordination thread; a job walks
// only while this daemon holds its lease, reloads its checkpoint when it gains the lease (another
// daemon may have moved it on), and saves one only while it still holds it. Politeness holds for
// the daemons together: every platform lane takes its tokens from buckets in Redis that all
// daemons share (storage/shared_budgets.hpp, PlatformLane::use_shared_budgets), and cool-downs
// any daemon starts hold for all. While Redis cannot be reached a lane falls back to its own
// buckets at 1/N of the configured rates (N members as of the last round). A backfill or a --once
// run on the same Redis takes no leases but does take its tokens from the same buckets (whenever
// [redis] is set and lease_ttl > 0), so a backfill started next to the daemons does not add to
// the accounts' load either. On a clean stop the
// daemon leaves (its leases are free at once); a killed one's expire after lease_ttl.
//
// Stop: request_stop() (any thread; also SIGTERM/SIGINT when handle_signals) stops new requests
// at once, lets in-flight work finish for daemon.shutdown_grace, then cancels what is left; run()
// returns when every job coroutine has ended. A second signal exits the process immediately
// (_exit; every file koubei writes survives that: fsync'd JSONL, spools, renamed checkpoints).
// SIGHUP calls options.reload(): when it returns true run() stops and returns kReload, and the
// caller starts a new runtime on the new configuration; when false the run goes on unchanged.
//
// Start-up errors (a platform client that cannot be built) throw std::runtime_error.

#include "analysis/keywords/text_folder.hpp"
#include "config/config.hpp"
#include "scheduler/run/crawl_services.hpp"
#include "scheduler/core/arrival_rate.hpp"
#include "scheduler/core/job_ownership.hpp"
#include "scheduler/run/jobs.hpp"
#include "scheduler/run/listing_walk.hpp"
#include "scheduler/run/run_totals.hpp"
#include "scheduler/run/walk_slots.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace koubei::scheduler {

enum class RunMode { kDaemon, kOnce, kBackfill };
enum class StopReason { kFinished, kStopped, kReload };

struct RunOptions {
  RunMode mode = RunMode::kDaemon;
  std::vector<config::QueryConfig> queries;  ///< the queries to crawl
  bool watches = true;                       ///< also the [[watch]] jobs
  std::int64_t since_ms = 0;                 ///< backfill window [since, until)
  std::int64_t until_ms = 0;
  RunObserver* observer = nullptr;           ///< metrics; may be null
  std::function<void(analysis::alerts::Alert)> raise;  ///< alert delivery; empty: no alerts
  bool handle_signals = false;
  std::function<bool()> reload;              ///< SIGHUP: validate and stash the new config
  /// Called on the strand about once a second (backfill progress lines); may be empty.
  std::function<void()> tick;
  /// Dianping's obfuscated-character map ([platforms.dianping] glyph_map), empty when none.
  parsers::GlyphMap glyphs;
};

/// The end of one job's last walk, for summaries.
struct JobOutcome {
  std::string label;
  config::PlatformId platform = config::PlatformId::kWeibo;
  bool complete = false;
  std::string failure;
  std::uint32_t walks = 0;  ///< polls (daemon) or windows (backfill) done
  std::uint32_t pages = 0;
  std::size_t fresh = 0;
  std::size_t duplicates = 0;
  std::size_t unmatched = 0;
  std::size_t skipped = 0;
  std::vector<std::string> capped;  ///< windows (or listings) cut short by a platform page cap
};

struct Health {
  bool ok = true;
  std::string json;
};

class CrawlRuntime {
 public:
  CrawlRuntime(const config::Config& config, storage::StorageStack& stack,
               const analysis::keywords::TextFolder& folder, RunOptions options);
  ~CrawlRuntime();

  StopReason run();
  void request_stop();

  /// /healthz: refreshed about once a second on the strand; any thread.
  Health health() const;
  const RunTotals& totals() const { return totals_; }
  /// One entry per job, after run() returned (backfill and --once summaries).
  const std::vector<JobOutcome>& outcomes() const { return outcomes_; }
  /// Jobs that could not start (a missing signer): "xiaohongshu: signature_required …".
  const std::vector<std::string>& refused() const { return refused_; }
  std::size_t job_count() const { return jobs_.size(); }
  struct PlatformState {
    config::PlatformId platform = config::PlatformId::kWeibo;
    std::size_t waiting = 0;     ///< requests queued at the platform's gate
    std::uint32_t in_flight = 0;
    std::vector<AccountView> accounts;
    std::string budgets;  ///< PlatformLane::budgets()
    std::uint64_t budget_calls = 0;
    std::uint64_t budget_errors = 0;
  };
  /// Strand only (call from RunOptions::tick): the gauges /metrics shows.
  std::vector<PlatformState> platform_states() const;
  /// Strand only: each sink's state as of the last housekeeping pass (spool depth, failures).
  const std::vector<storage::LaneStatus>& sink_status() const { return sink_status_; }
  /// Strand only: "" while deliveries succeed, else the last delivery error.
  const std::string& delivery_error() const { return services_.delivery_error; }
  const http::HttpEngine& engine() const { return *engine_; }
  /// Job sharing between daemons on one Redis ([daemon] lease_ttl): this daemon's view.
  struct Ownership {
    bool shared = false;             ///< false: this daemon runs every job
    std::string member;              ///< this daemon's name among its peers
    std::size_t peers = 1;           ///< live members, this one included
    std::vector<std::string> owned;  ///< the jobs it may walk now
    std::uint64_t lease_errors = 0;  ///< lease rounds that failed (store unreachable)
  };
  /// Strand only: the ownership gauges /metrics and /healthz show.
  Ownership ownership() const;
  /// Backfill progress: Weibo windows done and known in total (ETA), pages read.
  std::pair<std::size_t, std::size_t> windows_progress() const { return {windows_done_, windows_total_}; }

 private:
  struct Job {
    JobSpec spec;
    JobState state;
    Watermark watermark;
    ArrivalRate rate;
    Duration interval{};
    std::unique_ptr<boost::asio::steady_timer> timer;
    JobOutcome outcome;
  };
  void record(Job& job, const WalkReport& report);
  boost::asio::awaitable<void> daemon_job(Job& job);
  boost::asio::awaitable<void> backfill_job(Job& job);
  boost::asio::awaitable<void> housekeeping();
  boost::asio::awaitable<void> coordinate();
  /// Waits until this daemon may walk the job (or the runtime stops); true if it had to wait.
  boost::asio::awaitable<bool> await_ownership(Job& job);
  boost::asio::awaitable<void> load_checkpoint(Job& job);
  void leave_peers();
  /// Every lane takes its tokens from `budgets` (on the coordination thread) from now on.
  void share_budgets(storage::SharedBudgets& budgets);
  void replan(config::PlatformId platform);
  void refresh_health();
  void begin_stop(StopReason reason);
  void job_finished();
  void wind_down();

  const config::Config& config_;
  RunOptions options_;
  RunTotals totals_;
  boost::asio::io_context io_;
  std::unique_ptr<http::HttpEngine> engine_;
  boost::asio::thread_pool parse_pool_;
  boost::asio::thread_pool storage_thread_{1};
  /// Lease rounds and shared budget calls (their own Redis connection, StateStores::leases).
  boost::asio::thread_pool coord_thread_{1};
  std::unique_ptr<ParserPool> parsers_;
  std::unique_ptr<Enricher> enricher_;
  std::unique_ptr<GroupDelivery> delivery_;
  std::unique_ptr<WalkSlots> walk_slots_;
  std::unique_ptr<storage::Quarantine> quarantine_;
  std::unique_ptr<analysis::alerts::AlertEngine> alerts_;
  CrawlServices services_;
  std::vector<std::unique_ptr<Job>> jobs_;
  std::vector<JobOutcome> outcomes_;
  std::vector<std::string> refused_;
  std::size_t running_jobs_ = 0;
  std::size_t windows_done_ = 0;
  std::size_t windows_total_ = 0;
  StopReason reason_ = StopReason::kFinished;
  std::unique_ptr<boost::asio::steady_timer> grace_;
  std::unique_ptr<boost::asio::steady_timer> housekeeping_timer_;
  // Job sharing (null when this daemon runs every job): the coordinator's timer, and a timer that
  // never expires whose cancel() wakes the jobs waiting for a lease after every round.
  std::unique_ptr<JobOwnership> ownership_;
  std::unique_ptr<boost::asio::steady_timer> lease_timer_;
  std::unique_ptr<boost::asio::steady_timer> ownership_changed_;
  std::uint64_t lease_errors_ = 0;
  std::atomic<std::uint64_t> budget_report_errors_{0};  ///< block/clear calls that failed
  std::function<void()> finished_;
  std::atomic<bool> stop_requested_{false};
  mutable std::mutex health_mutex_;
  Health health_;
  std::vector<storage::LaneStatus> sink_status_;  // strand copy of the storage thread's view
};

}  // namespace koubei::scheduler
