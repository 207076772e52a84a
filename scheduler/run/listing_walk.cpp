#include "scheduler/run/listing_walk.hpp"

#include "parsers/model/created_bounds.hpp"
#include "scheduler/run/authors.hpp"
#include "scheduler/run/page_fetcher.hpp"
#include "scheduler/run/run_on.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <set>

namespace koubei::scheduler {

namespace asio = boost::asio;

namespace {

using Records = std::vector<storage::OutRecord>;

std::optional<std::int64_t> created_ms(const model::Mention& m) {
  if (!m.created_at) return std::nullopt;
  return m.created_at->time_since_epoch().count();
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::int64_t> latest_ms(const model::Mention& m) {
  if (auto b = model::created_bounds(m)) return b->latest_ms;
  return std::nullopt;
}

bool has_thread(model::Kind k) {
  return k == model::Kind::kPost || k == model::Kind::kNote || k == model::Kind::kVideo;
}

void note_failure(WalkReport& report, std::string problem) {
  report.complete = false;
  if (report.failure.empty()) report.failure = std::move(problem);
}

// Delivers one batch, retrying with backoff while a store or sink is down or a spool is full
// (guarantees §7-8: the crawl waits, nothing is dropped). nullopt: the runtime is stopping.
asio::awaitable<std::optional<storage::DeliveryReport>> deliver(CrawlServices& s, Records records) {
  auto batch = std::make_shared<const Records>(std::move(records));
  Duration delay = s.config->crawl.retry_base;
  bool warned = false;
  while (!s.stopping) {
    auto result = co_await s.delivery->deliver(batch);
    if (result) {
      s.delivery_error.clear();
      if (warned) spdlog::info("delivery: resumed");
      co_return std::move(*result);
    }
    s.observer->on_delivery_error();
    s.delivery_error = result.error().message();
    if (!warned) {
      spdlog::warn("delivery: {}; the crawl waits and retries", result.error().message());
      warned = true;
    }
    asio::steady_timer timer(s.strand, delay);
    (void)co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    delay = std::min<Duration>(delay * 2, s.config->crawl.retry_cap);
  }
  co_return std::nullopt;
}

// Enriches (parse pool), raises alerts (strand) and delivers one batch of items. Returns the
// indices (into `items`) of the matched items, or nullopt when stopping.
asio::awaitable<std::optional<std::vector<std::size_t>>> enrich_and_deliver(
    CrawlServices& s, JobState& job, std::vector<parsers::ParsedItem>& items,
    const QueryFilter& filter, WalkReport& report, bool deliver_now,
    std::vector<storage::OutRecord>* held_back, std::int64_t latency_from_ms) {
  AuthorFactsMap authors = co_await author_facts(s, job.platform, items);
  const Enricher* enricher = s.enricher;
  auto shared = std::make_shared<std::vector<parsers::ParsedItem>>(std::move(items));
  auto work = [enricher, shared, filter, authors] {
    return enricher->enrich(*shared, filter, authors);
  };
  EnrichedPage page = co_await run_on(s.parse, std::move(work));
  items = std::move(*shared);
  report.unmatched += page.unmatched;
  report.skipped += page.invalid.size();
  s.observer->on_skipped(job.platform, page.invalid.size());
  for (const auto& d : page.invalid) spdlog::warn("{}: {}: {}", job.label, d.where, d.reason);

  // Alerts see each mention as soon as it is enriched (issue 8 §7: before the dedup claim).
  if (s.alerts != nullptr) {
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
    for (std::size_t i : page.matched) {
      for (auto& alert : s.alerts->observe(items[i].mention, now)) {
        s.observer->on_alert();
        if (s.raise) s.raise(std::move(alert));
      }
    }
  }
  if (!deliver_now) {
    for (auto& r : page.records) held_back->push_back(std::move(r));
    co_return page.matched;
  }
  const std::size_t count = page.records.size();
  auto delivered = co_await deliver(s, std::move(page.records));
  if (!delivered) co_return std::nullopt;
  report.fresh += delivered->fresh;
  report.duplicates += delivered->skipped;
  s.observer->on_page(job.platform, delivered->fresh, delivered->skipped);
  if (!delivered->complete()) {
    note_failure(report, std::to_string(delivered->held_ids.size()) +
                             " mention(s) held by another process's live claim (e.g. " +
                             delivered->held_ids.front() + ")");
  }
  const std::int64_t now = wall_ms();
  for (std::size_t i : delivered->fresh_indices) {
    if (i >= count) continue;
    // Latency measures how fast new items are found: items older than what the poll set out to
    // find (a first poll's page reaching back before `since`, a backfill) do not count.
    if (auto c = created_ms(items[page.matched[i]].mention); c && *c >= latency_from_ms) {
      s.observer->on_mention_latency(job.platform, std::max<double>(0, (now - *c) / 1000.0));
    }
  }
  co_return page.matched;
}

// Comments (and replies) of one item, delivered page by page. False when a page failed.
asio::awaitable<bool> walk_thread(CrawlServices& s, JobState& job, clients::Listing listing,
                                  std::uint32_t max_pages, WalkReport& report,
                                  std::int64_t latency_from_ms) {
  const clients::PlatformClient& client = s.clients.at(job.platform);
  auto walk = client.start(listing, wall_ms(), static_cast<std::uint32_t>(s.rng() & 0x7ffffffe));
  if (!walk) {
    // Weibo inlines replies; a platform without the route is not a failure of the crawl.
    co_return walk.error().code == clients::ClientErrc::kUnsupported;
  }
  const QueryFilter all{job.filter.query_id, nullptr};
  for (std::uint32_t n = 0; n < max_pages; ++n) {
    FetchedPage page = co_await fetch_page(s, job.platform, walk->request(), Priority::kFollowUp);
    if (page.cancelled) co_return false;
    if (page.outcome == Outcome::kNotFound) co_return true;  // the item is gone
    if (!page.ok()) {
      note_failure(report, std::string(clients::to_string(listing.kind)) + " of " + listing.key +
                               ": " + page.problem + " at " + page.url);
      co_return false;
    }
    report.skipped += page.result.skipped;
    remember_authors(s, page.result.authors, wall_ms());
    std::vector<clients::Listing> replies;
    const std::uint32_t reply_pages = s.config->crawl.reply_pages;
    if (listing.kind == clients::ListingKind::kComments && reply_pages > 0) {
      for (const auto& item : page.result.items) {
        if (item.more_replies <= 0) continue;
        clients::Listing r = listing;
        r.kind = clients::ListingKind::kReplies;
        r.comment_id = item.mention.native_id;
        replies.push_back(std::move(r));
      }
    }
    auto matched = co_await enrich_and_deliver(s, job, page.result.items, all, report, true, nullptr,
                                               latency_from_ms);
    if (!matched) co_return false;
    for (auto& r : replies) {
      if (!co_await walk_thread(s, job, std::move(r), reply_pages, report, latency_from_ms)) {
        co_return false;
      }
    }
    if (!walk->advance(page.result)) break;
  }
  co_return true;
}

}  // namespace

asio::awaitable<WalkReport> walk_listing(CrawlServices& s, JobState& job,
                                         const clients::Listing& listing, const WalkGoal& goal) {
  WalkReport report;
  report.complete = true;
  const clients::PlatformClient& client = s.clients.at(job.platform);
  auto walk = client.start(listing, wall_ms(), static_cast<std::uint32_t>(s.rng() & 0x7ffffffe));
  if (!walk) {
    note_failure(report, walk.error().message());
    co_return report;
  }
  const bool window = goal.until_ms != 0;
  // A backfill's items are old by design; a poll's new items are those after the last watermark.
  const std::int64_t latency_from =
      window ? std::numeric_limits<std::int64_t>::max()
             : (goal.previous.newest_ms != 0 ? goal.previous.newest_ms : goal.since_ms);
  IncrementalPoll poll(goal.previous, s.config->crawl.overlap, goal.max_pages, goal.since_ms);
  // A job's first poll reads back crawl.first_since, and no later poll delivers anything older:
  // older items on its pages only show where the edge is. They are neither delivered nor
  // completed with detail pages, which at start-up would cost thousands of follow-ups and starve
  // every platform's polls.
  const bool floored = !window && goal.floor_ms > 0;
  while (true) {
    FetchedPage page = co_await fetch_page(s, job.platform, walk->request(), Priority::kPoll);
    if (page.cancelled) {
      report.cancelled = true;
      note_failure(report, "stopped");
      break;
    }
    if (!page.ok()) {
      note_failure(report, page.problem + " at " + page.url);
      break;
    }
    ++report.pages;
    parsers::ParseResult& result = page.result;
    report.listed += result.items.size();
    report.skipped += result.skipped;
    s.observer->on_skipped(job.platform, result.skipped);
    for (const auto& d : result.diagnostics) spdlog::debug("{}: {}: {}", page.url, d.where, d.reason);
    remember_authors(s, result.authors, wall_ms());

    // Items processed by an earlier walk only tell where the listing stands in time.
    std::vector<std::string> ids;
    std::vector<std::optional<std::int64_t>> times;
    std::vector<std::optional<std::int64_t>> latest;  // the latest each may have been created
    std::vector<parsers::ParsedItem> fresh;
    std::vector<parsers::ParsedItem> retry_comments;
    for (auto& item : result.items) {
      const std::string id = item.mention.id();
      if (const SeenItems::Entry* seen = job.seen.find(id)) {
        ids.push_back(id);
        times.push_back(seen->created_ms);
        latest.push_back(latest_ms(item.mention));
        if (seen->comments_pending && job.comments) retry_comments.push_back(std::move(item));
        continue;
      }
      if (floored) {
        if (!model::may_lie_in(item.mention, goal.floor_ms, 0)) {
          const auto c = created_ms(item.mention);
          ids.push_back(id);
          times.push_back(c);
          latest.push_back(latest_ms(item.mention));
          job.seen.remember(id, {c, false});
          continue;
        }
      }
      fresh.push_back(std::move(item));
    }
    // Complete what the listing shows in part (detail pages), then place it in time.
    std::vector<parsers::ParsedItem> ready;
    for (auto& item : fresh) {
      if (item.truncated) {
        if (auto spec = client.detail(item)) {
          FetchedPage detail = co_await fetch_page(s, job.platform, std::move(*spec), Priority::kFollowUp);
          if (detail.cancelled) break;
          if (detail.outcome == Outcome::kNotFound) continue;  // deleted since it was listed
          if (!detail.ok()) {
            note_failure(report, "detail of " + item.mention.id() + ": " + detail.problem);
            continue;  // not delivered now, so not remembered: the next poll tries again
          }
          remember_authors(s, detail.result.authors, wall_ms());
          auto& found = detail.result.items;
          auto it = std::find_if(found.begin(), found.end(), [&](const parsers::ParsedItem& d) {
            return d.mention.native_id == item.mention.native_id;
          });
          if (it != found.end()) {
            std::string token = std::move(item.xsec_token);
            item = std::move(*it);
            if (item.xsec_token.empty()) item.xsec_token = std::move(token);
            item.truncated = false;
          }
        }
      }
      ready.push_back(std::move(item));
    }
    if (s.stopping) {
      report.cancelled = true;
      note_failure(report, "stopped");
      break;
    }
    for (const auto& item : ready) {
      ids.push_back(item.mention.id());
      times.push_back(created_ms(item.mention));
      latest.push_back(latest_ms(item.mention));
      if (auto c = times.back()) {
        report.new_created_ms.push_back(*c);
        report.oldest_ms = std::min(report.oldest_ms.value_or(*c), *c);
      }
    }
    // A backfill delivers its window only, a first poll what is newer than first_since; what lies
    // certainly outside was read to find the edge. An item whose displayed time is too coarse to
    // tell (a minute that straddles the edge) is delivered: dedup absorbs a second delivery.
    std::vector<parsers::ParsedItem> in_window;
    std::vector<parsers::ParsedItem> outside;
    for (auto& item : ready) {
      const bool inside = window ? model::may_lie_in(item.mention, goal.since_ms, goal.until_ms)
                                 : (!floored || model::may_lie_in(item.mention, goal.floor_ms, 0));
      (inside ? in_window : outside).push_back(std::move(item));
    }

    // Comments of newly matched items are delivered before the items themselves: if the process
    // dies in between, the item is still new next time and its comments are crawled again.
    std::vector<storage::OutRecord> page_records;
    auto matched = co_await enrich_and_deliver(s, job, in_window, job.filter, report,
                                               !job.comments, &page_records, latency_from);
    if (!matched) {
      report.cancelled = true;
      note_failure(report, "stopped");
      break;
    }
    std::set<std::string> comments_failed;
    if (job.comments) {
      std::vector<const parsers::ParsedItem*> threads;
      for (std::size_t i : *matched) threads.push_back(&in_window[i]);
      for (const auto& item : retry_comments) threads.push_back(&item);
      for (const parsers::ParsedItem* item : threads) {
        if (!has_thread(item->mention.kind)) continue;
        clients::Listing comments;
        comments.kind = clients::ListingKind::kComments;
        comments.key = item->mention.native_id;
        comments.xsec_token = item->xsec_token;
        if (!co_await walk_thread(s, job, std::move(comments), s.config->crawl.comment_pages, report,
                                  latency_from)) {
          if (s.stopping) break;
          comments_failed.insert(item->mention.id());
        }
      }
      auto delivered = co_await deliver(s, std::move(page_records));
      if (!delivered) {
        report.cancelled = true;
        note_failure(report, "stopped");
        break;
      }
      report.fresh += delivered->fresh;
      report.duplicates += delivered->skipped;
      s.observer->on_page(job.platform, delivered->fresh, delivered->skipped);
      if (!delivered->complete()) {
        note_failure(report, std::to_string(delivered->held_ids.size()) +
                                 " mention(s) held by another process's live claim");
      }
    }
    // Remember what this page settled (delivered, or read and not matching).
    for (auto* group : {&in_window, &outside, &retry_comments}) {
      for (const auto& item : *group) {
        const std::string id = item.mention.id();
        job.seen.remember(id, {created_ms(item.mention), comments_failed.contains(id)});
      }
    }
    std::vector<ListedItem> listed;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      listed.push_back({ids[i], times[i], false, latest[i]});
    }
    const PollStep step = poll.on_page(listed, !result.next.end);
    report.stop = step;
    if (step != PollStep::kNextPage) break;
    if (!walk->advance(result)) {
      report.stop = PollStep::kEnd;
      break;
    }
  }
  report.candidate = poll.candidate();
  s.observer->on_walk_done(job.platform, report.complete);
  co_return report;
}

}  // namespace koubei::scheduler
