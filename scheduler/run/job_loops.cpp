// The job coroutines of CrawlRuntime: the daemon's poll loop (watermarks, checkpoints, adaptive
// intervals) and the backfill's window walk.
#include "scheduler/core/backfill_windows.hpp"
#include "parsers/model/timestamp.hpp"
#include "scheduler/core/poll_plan.hpp"
#include "scheduler/run/crawl_runtime.hpp"
#include "scheduler/run/run_on.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <limits>

namespace koubei::scheduler {

namespace asio = boost::asio;

namespace {

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Items per result page, by platform (platforms.md §2): the poll plan's cost model.
double page_items(config::PlatformId p) {
  switch (p) {
    case config::PlatformId::kXiaohongshu: return 20;
    case config::PlatformId::kDouyin: return 15;
    default: return 10;
  }
}

// How many results a search shows at most (platforms.md §2): a listing that ends there, still
// newer than --since, was cut by the platform, not by the end of the data.
std::size_t result_cap(config::PlatformId p) {
  switch (p) {
    case config::PlatformId::kXiaohongshu: return 220;
    case config::PlatformId::kDouyin: return 200;
    case config::PlatformId::kWeibo: return 500;
    default: return std::numeric_limits<std::size_t>::max();
  }
}

// s.weibo.com shows 50 result pages at most: a window that fills them hides the rest.
constexpr std::uint32_t kWeiboSearchPageCap = 50;

}  // namespace

void CrawlRuntime::record(Job& job, const WalkReport& r) {
  JobOutcome& o = job.outcome;
  if (options_.mode == RunMode::kBackfill) {
    // A backfill is complete only if every window was; the first failure is the one to report.
    o.complete = (o.walks == 0 || o.complete) && r.complete;
    if (o.failure.empty()) o.failure = r.failure;
  } else {
    o.complete = r.complete;  // a daemon job is as good as its last poll
    o.failure = r.failure;
  }
  ++o.walks;
  o.pages += r.pages;
  o.fresh += r.fresh;
  o.duplicates += r.duplicates;
  o.unmatched += r.unmatched;
  o.skipped += r.skipped;
}

asio::awaitable<void> CrawlRuntime::load_checkpoint(Job& job) {
  storage::CheckpointStore* checkpoints = services_.stack->stores.checkpoints.get();
  if (checkpoints == nullptr) co_return;
  const std::string id = job.spec.id;
  auto load = [checkpoints, id] { return checkpoints->load(id); };
  auto loaded = co_await run_on(services_.storage, std::move(load));
  if (!loaded) {
    spdlog::warn("{}: checkpoint unreadable ({}); the first poll reads back {} ms", job.spec.label,
                 loaded.error().message(), config_.crawl.first_since.count());
  } else if (*loaded) {
    job.watermark = Watermark{(*loaded)->watermark_ms, split((*loaded)->watermark_ids)};
  }
}

asio::awaitable<void> CrawlRuntime::daemon_job(Job& job) {
  storage::CheckpointStore* checkpoints = services_.stack->stores.checkpoints.get();
  co_await load_checkpoint(job);
  // Without a checkpoint the job starts first_since ago, once: a first poll that fails does not
  // move the start, and later polls never deliver what is older. With one, nothing is floored
  // (what was created while the daemon was down is due).
  std::int64_t floor =
      job.watermark.newest_ms == 0 ? wall_ms() - config_.crawl.first_since.count() : 0;
  while (!services_.stopping) {
    if (ownership_) {
      // A job gained from another daemon continues from where that one checkpointed it.
      const bool waited = co_await await_ownership(job);
      if (services_.stopping) break;
      if (waited) {
        co_await load_checkpoint(job);
        if (job.watermark.newest_ms != 0) floor = 0;
      }
    }
    WalkGoal goal;
    goal.previous = job.watermark;
    goal.since_ms = job.watermark.newest_ms == 0 ? floor : 0;
    goal.floor_ms = floor;
    goal.max_pages = config_.crawl.max_pages;
    if (!co_await walk_slots_->acquire()) break;
    WalkReport report;
    {
      const WalkSlot slot(walk_slots_.get());
      if (ownership_) ownership_->walking(job.spec.id, true);
      report = co_await walk_listing(services_, job.state, job.spec.listing, goal);
    }
    // A lease that ran out during the walk (the store unreachable) may be another daemon's now:
    // its checkpoint is not overwritten with this one's.
    const bool still_owned = !ownership_ || ownership_->may_walk(job.spec.id, steady_ms());
    if (ownership_) ownership_->walking(job.spec.id, false);
    record(job, report);
    if (report.cancelled) break;
    const std::int64_t now = wall_ms();
    job.rate.observe(now, report.new_created_ms);
    if (report.complete) {
      if (report.stop == PollStep::kPageLimit && job.watermark.newest_ms != 0) {
        spdlog::warn("{}: {} pages did not reach the last poll's items; mentions between may be "
                     "missed (raise [crawl] max_pages or lower the query's interval.max)",
                     job.spec.label, report.pages);
      }
      job.watermark = report.candidate;
      if (!still_owned) {
        spdlog::warn("{}: lease lost during the poll; its checkpoint is left to the new owner",
                     job.spec.label);
      } else if (checkpoints != nullptr && job.watermark.newest_ms != 0) {
        const storage::Checkpoint cp{"", job.watermark.newest_ms, join(job.watermark.ids), now};
        const std::string id = job.spec.id;
        auto save = [checkpoints, id, cp] { return checkpoints->save(id, cp); };
        auto saved = co_await run_on(services_.storage, std::move(save));
        if (!saved) spdlog::warn("{}: checkpoint not saved: {}", job.spec.label, saved.error().message());
      }
      replan(job.spec.platform);
    } else {
      spdlog::warn("{}: poll incomplete after {} page(s): {}; the watermark stays, next try in {} ms",
                   job.spec.label, report.pages, report.failure, config_.crawl.failure_delay.count());
    }
    spdlog::debug("{}: {} page(s), {} new, {} known, {} not matching; next in {} ms", job.spec.label,
                  report.pages, report.fresh, report.duplicates, report.unmatched,
                  job.interval.count());
    if (options_.mode == RunMode::kOnce) break;
    // ±10 % jitter: jobs that started together do not keep polling in lockstep.
    const Duration base = report.complete ? job.interval : config_.crawl.failure_delay;
    const double jitter = 0.9 + 0.2 * services_.unit_random();
    job.timer->expires_after(Duration{static_cast<Duration::rep>(static_cast<double>(base.count()) * jitter)});
    (void)co_await job.timer->async_wait(asio::as_tuple(asio::use_awaitable));
  }
  job_finished();
}

void CrawlRuntime::replan(config::PlatformId platform) {
  std::vector<Job*> group;
  std::vector<PollDemand> demands;
  const std::int64_t now = wall_ms();
  for (auto& job : jobs_) {
    if (job->spec.platform != platform) continue;
    const double items = page_items(platform);
    group.push_back(job.get());
    demands.push_back({job->spec.priority, job->rate.per_second(now), items,
                       items * config_.crawl.max_pages, job->spec.interval.min,
                       job->spec.interval.max});
  }
  // Half of the platform's budget goes to polls; the rest is left for follow-ups (details,
  // comments, authors) and retries.
  const double budget = 0.5 * config_.platforms.at(platform).rate.per_second();
  if (group.empty() || !(budget > 0)) return;
  const PollShape shape =
      config_.crawl.polling == config::Polling::kFixed ? PollShape::kEqual : PollShape::kSquareRoot;
  const PollPlan plan = plan_polls(demands, budget, shape);
  for (std::size_t i = 0; i < group.size(); ++i) group[i]->interval = plan.slots[i].interval;
}

asio::awaitable<void> CrawlRuntime::backfill_job(Job& job) {
  // Weibo's timescope windows exist only on s.weibo.com (search_route = "html", login needed);
  // on the m.weibo.cn API route a backfill pages the real-time search back to --since instead.
  const bool weibo_search = job.spec.platform == config::PlatformId::kWeibo &&
                            job.spec.listing.kind == clients::ListingKind::kSearch;
  const bool windows =
      weibo_search && config_.platforms.at(config::PlatformId::kWeibo).search_route ==
                          config::SearchRoute::kHtml;
  if (windows) {
    BackfillWindows plan(options_.since_ms / 1000, (options_.until_ms + 999) / 1000);
    windows_total_ += plan.remaining();
    while (auto window = plan.next()) {
      if (services_.stopping) break;
      clients::Listing listing = job.spec.listing;
      listing.since_unix = window->since;
      listing.until_unix = window->until;
      WalkGoal goal{{}, window->since * 1000, window->until * 1000,
                    std::min(config_.crawl.max_pages, kWeiboSearchPageCap)};
      if (!co_await walk_slots_->acquire()) break;
      WalkReport report;
      {
        const WalkSlot slot(walk_slots_.get());
        report = co_await walk_listing(services_, job.state, listing, goal);
      }
      record(job, report);
      if (report.cancelled) break;
      if (report.complete && report.pages >= goal.max_pages) {
        const std::size_t before = plan.remaining();
        plan.hit_cap();
        windows_total_ += plan.remaining() + 1 - before;
      } else {
        plan.finished();
      }
      ++windows_done_;
    }
    for (const auto& w : plan.capped()) {
      job.outcome.capped.push_back(model::format_rfc3339(model::Timestamp(std::chrono::seconds(w.since))) +
                                   " hour hit the 50-page cap");
    }
  } else {
    clients::Listing listing = job.spec.listing;
    if (!weibo_search) {  // a window on a Weibo listing would switch it to s.weibo.com
      listing.since_unix = options_.since_ms / 1000;
      listing.until_unix = (options_.until_ms + 999) / 1000;
    }
    WalkGoal goal{{}, options_.since_ms, options_.until_ms,
                  weibo_search ? std::min(config_.crawl.max_pages, kWeiboSearchPageCap)
                               : config_.crawl.max_pages};
    WalkReport report;
    if (co_await walk_slots_->acquire()) {
      const WalkSlot slot(walk_slots_.get());
      report = co_await walk_listing(services_, job.state, listing, goal);
    } else {
      report.cancelled = true;
      report.failure = "stopped";
    }
    record(job, report);
    if (report.complete && report.stop == PollStep::kPageLimit) {
      job.outcome.capped.push_back("stopped at [crawl] max_pages before reaching --since");
    } else if (report.complete && report.stop == PollStep::kEnd && report.oldest_ms &&
               *report.oldest_ms > options_.since_ms &&
               report.listed >= result_cap(job.spec.platform)) {
      job.outcome.capped.push_back("the platform listed nothing older than " +
                                   model::format_rfc3339(model::Timestamp(std::chrono::milliseconds(
                                       *report.oldest_ms))) +
                                   " (its result cap?)");
    }
  }
  job_finished();
}

}  // namespace koubei::scheduler
