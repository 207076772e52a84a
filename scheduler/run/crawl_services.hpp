#pragma once
// CrawlServices: what every crawl coroutine shares, wired once by CrawlRuntime. The executors
// say where each kind of work runs (ARCHITECTURE.md "Threads"):
//   strand    the scheduler's one thread: decisions, lanes, job state, the alert engine
//   engine    the HTTP engine's network thread (fetches complete back on the strand)
//   parse     the parse pool: parsing and enrichment (pure, thread-safe)
//   storage   the storage thread: the delivery pipeline, the state stores, the quarantine
// Everything reached through these pointers outlives every coroutine (CrawlRuntime joins them).

#include "analysis/alerts/alert_engine.hpp"
#include "config/config.hpp"
#include "crawler/clients/platform_client.hpp"
#include "crawler/http/http_engine.hpp"
#include "scheduler/run/enricher.hpp"
#include "scheduler/run/group_delivery.hpp"
#include "scheduler/run/parser_pool.hpp"
#include "scheduler/run/platform_lane.hpp"
#include "scheduler/run/run_observer.hpp"
#include "storage/quarantine.hpp"
#include "storage/storage_stack.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>

namespace koubei::scheduler {

struct CrawlServices {
  const config::Config* config = nullptr;
  boost::asio::any_io_executor strand;
  boost::asio::any_io_executor parse;
  boost::asio::any_io_executor storage;
  http::HttpEngine* engine = nullptr;
  ParserPool* parsers = nullptr;
  const Enricher* enricher = nullptr;
  storage::StorageStack* stack = nullptr;        ///< storage thread only
  GroupDelivery* delivery = nullptr;             ///< deliveries to stack->pipeline, grouped
  storage::Quarantine* quarantine = nullptr;     ///< storage thread only; may be null
  RunObserver* observer = nullptr;
  analysis::alerts::AlertEngine* alerts = nullptr;  ///< strand only; null: alerts disabled
  /// Hands a raised alert to the dispatcher (thread-safe); empty when alerts are disabled.
  std::function<void(analysis::alerts::Alert)> raise;
  std::map<config::PlatformId, std::unique_ptr<PlatformLane>> lanes;
  std::map<config::PlatformId, clients::PlatformClient> clients;
  /// Author-profile budget per platform (crawl.author_fetches).
  std::map<config::PlatformId, TokenBucket> author_budget;
  /// Author puts waiting for the storage thread (authors.cpp): the pages that finish while it is
  /// busy share one round trip. The strand adds, the storage thread takes, under `mutex`.
  struct PendingAuthorPuts {
    std::mutex mutex;
    std::vector<storage::AuthorPut> puts;
    bool flush_posted = false;
    std::uint64_t dropped = 0;  ///< puts dropped because the queue was full (a cache, not data)
  };
  std::shared_ptr<PendingAuthorPuts> author_puts = std::make_shared<PendingAuthorPuts>();
  std::mt19937_64 rng{std::random_device{}()};  ///< strand only: jitter, search ids
  bool stopping = false;                        ///< strand only
  /// The last delivery failure while it lasts ("" when deliveries succeed): /healthz says 503.
  std::string delivery_error;                   ///< strand only

  double unit_random() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }
};

}  // namespace koubei::scheduler
