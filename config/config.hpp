#pragma once
// koubei's configuration as typed structs: what config::load() produces from a TOML file and what
// every stage receives its slice of. config/koubei.example.toml documents every key; the defaults
// below are the documented ones. Durations are std::chrono, sizes are bytes, rates are Rate.
//
// Thread safety: plain values. The daemon builds a new Config on reload and swaps it whole.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/secret.hpp"
#include "config/units.hpp"

namespace koubei::config {

using namespace std::chrono_literals;

enum class LogFormat { kText, kJson };
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };
enum class SinkType { kJsonl, kRedisStream, kPostgres };
enum class PlatformId { kWeibo, kXiaohongshu, kDouyin, kDianping };
inline constexpr PlatformId kAllPlatforms[] = {PlatformId::kWeibo, PlatformId::kXiaohongshu,
                                               PlatformId::kDouyin, PlatformId::kDianping};
/// How a platform is searched: its JSON API, or its HTML search page where one exists.
enum class SearchRoute { kApi, kHtml };

struct DaemonConfig {
  /// Embedded dedup/checkpoint store, spools and quarantine live here.
  std::string state_dir = "var/koubei";
  /// Where /metrics and /healthz listen; loopback by default. Empty disables the endpoint.
  std::string metrics_listen = "127.0.0.1:9464";
  /// How long SIGTERM/SIGINT waits for in-flight work before exiting anyway.
  Duration shutdown_grace = 10s;
  /// With [redis]: daemons sharing it split the jobs through leases of this length (renewed every
  /// third of it); a dead daemon's jobs move on within about one lease. 0 = no sharing: every
  /// daemon polls every job (dedup still keeps deliveries single).
  Duration lease_ttl = 15s;
  /// This daemon's name among its peers; empty = "<hostname>:<pid>".
  std::string member;
};

struct LogConfig {
  LogFormat format = LogFormat::kText;
  LogLevel level = LogLevel::kInfo;
};

struct RedisConfig {
  /// redis://[:password@]host:port/db or unix:///path/to/socket[?db=N]. Printed with the password masked.
  Secret url;
  /// Prefix of every key koubei writes.
  std::string key_prefix = "koubei:";
  /// How long a delivered mention id is remembered (the dedup window).
  Duration dedup_ttl = 30 * 24h;
  /// How long an unconfirmed claim blocks re-delivery before it expires (guarantees §6).
  Duration claim_ttl = 5min;
  Duration connect_timeout = 2s;
  Duration command_timeout = 5s;
  /// Redis Cluster: `url` is a seed node and each command goes to the master of its key's slot.
  /// Needs a redis:// url with db 0 (a cluster has no other db).
  bool cluster = false;
  /// With cluster: more seed nodes ("redis://host:port"), tried after `url` when the slot map is
  /// (re)loaded. No credentials here: every node logs in with those of `url`.
  std::vector<std::string> cluster_seeds;
};

struct SinkConfig {
  SinkType type = SinkType::kJsonl;
  /// Name used in logs and metrics; defaults to the type ("jsonl", "jsonl-2" for a second one).
  std::string name;
  /// Bound of this sink's on-disk spool while it is down; when full, fetching pauses.
  std::uint64_t spool_max = 1ULL << 30;

  // type = "jsonl"
  /// strftime pattern; rotation follows its finest field (hourly with %H).
  std::string path = "var/out/mentions-%Y%m%d%H.jsonl";
  /// fsync after every batch; false trades durability for speed (and voids guarantees §2).
  bool fsync = true;
  /// Expand the pattern in local time instead of UTC.
  bool local_time = false;

  // type = "redis_stream"
  std::string stream = "koubei:mentions";
  /// Approximate MAXLEN of the stream (XADD MAXLEN ~). 0 = unbounded.
  std::uint64_t maxlen = 1000000;
  /// Redis of the stream; empty = the [redis] server.
  Secret redis_url;

  // type = "postgres"
  /// libpq connection string or URL; the password is masked when printed.
  Secret dsn;
  std::string table = "mentions";
  /// Rows per INSERT … ON CONFLICT batch.
  std::uint32_t batch_rows = 500;
};

struct HttpConfig {
  std::string user_agent =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/130.0.0.0 Safari/537.36";
  Duration connect_timeout = 10s;
  /// Whole request, first byte to last.
  Duration request_timeout = 30s;
  /// A transfer that moves no bytes for this long is abandoned.
  Duration stall_timeout = 15s;
  /// Largest body accepted on the wire (Content-Length and bytes received); 0 = no limit.
  std::uint64_t max_body = 8ULL << 20;
  /// Largest body after gzip/deflate/br decoding; 0 = no limit.
  std::uint64_t max_decompressed = 8ULL << 20;
  /// Redirects followed within the same site; 0 = none.
  std::uint32_t max_redirects = 5;
  /// Requests in flight at once across all platforms.
  std::uint32_t max_in_flight = 256;
  bool verify_tls = true;
  /// CA bundle; empty = the system default.
  std::string ca_path;
  /// How long a resolved host name is reused (whole seconds); 0 = resolve every time.
  Duration dns_cache_timeout = 60s;
};

struct ParseConfig {
  /// HTML elements nested deeper than this are not descended into.
  std::uint32_t max_dom_depth = 256;
  /// HTML documents with more nodes than this stop being walked (the page is marked truncated).
  std::uint32_t max_dom_nodes = 500000;
  /// Items read from one page at most.
  std::uint32_t max_items = 1000;
  /// Where unparseable pages are kept for diagnosis (inside state_dir when relative), and its bound.
  std::string quarantine_dir = "quarantine";
  std::uint64_t quarantine_max = 256ULL << 20;
};

/// One platform's influence references (influence.md); the defaults are the spec's table.
struct PlatformInfluenceConfig {
  double follower_ref = 1e8;    ///< F_ref: followers that count as the top of the scale
  double engagement_ref = 1e6;  ///< E_ref: engagement that counts as the top of the scale
  /// Follower floors of the tiers head, mid, tail, koc (descending); below koc is ordinary.
  std::vector<std::int64_t> tiers{1000000, 100000, 10000, 1000};
};

/// KOL influence weights (koubei.kol.v1). Any change from the defaults makes records say
/// scheme "koubei.kol.v1+custom".
struct InfluenceConfig {
  double w_followers = 0.6;
  double w_engagement = 0.3;
  double w_verified = 0.1;
  std::map<PlatformId, PlatformInfluenceConfig> platforms;  ///< every platform, defaults filled in
};

/// The spec's influence references of a platform.
PlatformInfluenceConfig default_influence(PlatformId id);

/// Influence tiers (influence.md), highest first; same order as model::Tier.
enum class TierName { kHead, kMid, kTail, kKoc, kOrdinary };

/// Early-warning alerts (预警): rules, cooldown and delivery (docs/alerts.md).
struct AlertsConfig {
  bool enabled = true;
  /// After a rule fires for a query, it stays quiet for that query this long (suppressed
  /// alerts are counted into the next one).
  Duration cooldown = 30min;
  /// Mentions attached to one alert record at most (the most recent ones).
  std::uint32_t max_mentions = 20;
  /// Undeliverable alerts are appended here as JSON lines (inside state_dir when relative).
  std::string dead_letter = "alerts-dead-letter.jsonl";
  /// Also write every alert to the log (warn level).
  bool log = true;
  /// Alerts waiting for delivery at most; when full, new alerts go straight to the dead-letter file.
  std::uint32_t queue = 1000;

  struct Influencer {
    bool enabled = true;
    /// A negative mention by an author of this tier or higher alerts at once.
    TierName min_tier = TierName::kMid;
  } influencer;

  struct Spike {
    bool enabled = true;
    /// Alert when the window's negative count exceeds mean + k·σ of the baseline windows.
    double k = 3.0;
    /// ... and is at least this many mentions (no alert for 2 after 0).
    std::uint32_t min_count = 10;
    Duration window = 1h;
    /// How many preceding windows form the baseline.
    std::uint32_t baseline_windows = 12;
  } spike;

  struct Crisis {
    bool enabled = true;
    /// Matched under the keyword folding (case, width, Traditional→Simplified).
    std::vector<std::string> words{"投诉", "维权", "曝光", "起火", "爆炸", "315", "召回"};
  } crisis;

  struct Webhook {
    /// http(s) URL alerts are POSTed to as JSON; empty disables. Printed masked (may hold a token).
    Secret url;
    Duration timeout = 5s;
    /// Attempts after the first before the alert goes to the dead-letter file.
    std::uint32_t retries = 3;
    /// Delay before the first retry; doubles each time.
    Duration backoff = 1s;
    /// No single wait between attempts is longer than this.
    Duration max_backoff = 1min;
  } webhook;

  struct Stream {
    /// Redis Stream alerts are XADDed to (on the [redis] server); empty disables.
    std::string stream;
    /// Approximate MAXLEN of the stream. 0 = unbounded.
    std::uint64_t maxlen = 100000;
  } redis_stream;
};

struct AccountConfig {
  std::string name;
  Secret cookie;
  /// http://, https:// or socks5:// proxy URL for this account; the password is masked when printed.
  Secret proxy;
  /// Per-account bucket; unset = the platform's.
  std::optional<Rate> rate;
  std::optional<std::uint32_t> burst;
};

struct PlatformConfig {
  bool enabled = true;
  /// The platform's API host (tests point it at a loopback server).
  std::string base_url;
  /// The platform's web host for HTML pages.
  std::string web_url;
  SearchRoute search_route = SearchRoute::kApi;
  /// Token bucket per platform (and per account when several).
  Rate rate{1, 1s};
  std::uint32_t burst = 3;
  /// Requests in flight at once on this platform.
  std::uint32_t concurrency = 2;
  /// Signing service for Xiaohongshu/Douyin APIs; empty = unsigned routes only.
  std::string signer_url;
  /// Accounts rotated on this platform. A platform-level `cookie`/`proxy` is the account "default".
  std::vector<AccountConfig> accounts;
  /// Dianping only: a JSON file {"svgmtsi class": "字", …} decoding obfuscated review characters
  /// (crawler/clients/glyph_map_file.hpp); "" = none (such characters stay U+FFFD, counted).
  std::string glyph_map;
};

/// How the daemon spreads a platform's poll budget over its queries.
enum class Polling {
  kAdaptive,  ///< fᵢ ∝ √(wᵢ·λᵢ) with a completeness floor (scheduler/core/poll_plan.hpp)
  kFixed,     ///< one equal interval for every query of the platform, same budget (a baseline)
};

/// How the daemon and backfills crawl ([crawl]): paging depth, follow-ups, retries, threads.
struct CrawlConfig {
  /// Adaptive polling, or fixed equal intervals (for comparison; bench/benchmark.py).
  Polling polling = Polling::kAdaptive;
  /// How far back the first poll of a query (no watermark yet) reads.
  Duration first_since = 1h;
  /// Each poll pages back to the watermark minus this, for items that show up late.
  Duration overlap = 10min;
  /// Pages one poll (or one backfill window) reads at most.
  std::uint32_t max_pages = 50;
  /// Comment pages read per matched item (when the query asks for comments).
  std::uint32_t comment_pages = 3;
  /// Also read the replies of comments the page shows only in part (XHS sub-comments, Douyin
  /// replies), this many pages per comment; 0 = no replies beyond those inlined.
  std::uint32_t reply_pages = 1;
  /// Author-profile fetches per platform (to fill the author cache for influence), at most.
  Rate author_fetches{60, 1h};
  /// Attempts after the first for a transient failure (timeout, 5xx, reset) or a block answer
  /// (with another account when there is one).
  std::uint32_t retries = 3;
  Duration retry_base = 1s;
  Duration retry_cap = 1min;
  /// Threads that parse pages and enrich mentions.
  std::uint32_t parse_threads = 2;
  /// Records the storage thread delivers together at most: pages that finish while it is busy
  /// share one dedup round trip and one fsync (scheduler/run/group_delivery.hpp).
  std::uint32_t delivery_group = 5000;
  /// Polls and backfill windows under way at once, across platforms; the other due jobs wait
  /// with a small frame each (scheduler/run/walk_slots.hpp), which bounds memory with many queries.
  std::uint32_t active_walks = 512;
  /// Ids each job remembers having processed (SeenItems, about 70 bytes each): a page read again
  /// (the poll overlap, a retried poll) skips them before enrichment. Past it the oldest are
  /// forgotten; dedup still keeps them from being delivered twice. At full size 10,000 jobs hold
  /// about 2.8 GB, so large configurations may want it lower.
  std::uint32_t seen_per_job = 4096;
  /// A failed poll is retried after this (then the adaptive interval resumes).
  Duration failure_delay = 1min;
  /// First cool-down of an account after each kind of block; doubled for each block in a row,
  /// up to cooldown_max (or the platform's Retry-After when longer).
  Duration cooldown_rate_limited = 1min;
  Duration cooldown_captcha = 10min;
  Duration cooldown_login = 30min;
  Duration cooldown_signature = 5min;
  Duration cooldown_max = 6h;
  /// Captcha or login answers in a row after which an account is reported unhealthy.
  std::uint32_t unhealthy_after = 3;
};

struct IntervalConfig {
  Duration min = 1min;
  Duration max = 30min;
};

struct QueryConfig {
  std::string id;
  std::vector<PlatformId> platforms;  ///< default: every enabled platform
  std::string keywords;
  IntervalConfig interval;
  /// Weight w in the √(w·λ) polling split.
  double priority = 1.0;
  /// Also crawl the comments of matched items.
  bool comments = false;
  /// Dianping has no search: the query filters the reviews of these shops (shop ids).
  std::vector<std::string> shops;
};

/// An account or shop followed whatever it says: a Weibo user's timeline, a Dianping shop's reviews.
struct WatchConfig {
  PlatformId platform = PlatformId::kWeibo;
  std::string user;
  std::string name;
  IntervalConfig interval;
  bool comments = false;
};

struct Config {
  std::string source_file;  ///< the file it was loaded from
  DaemonConfig daemon;
  LogConfig log;
  std::optional<RedisConfig> redis;  ///< absent: the embedded store in state_dir
  std::vector<SinkConfig> sinks;
  HttpConfig http;
  ParseConfig parse;
  CrawlConfig crawl;
  InfluenceConfig influence;
  AlertsConfig alerts;
  std::map<PlatformId, PlatformConfig> platforms;  ///< every platform, defaults filled in
  std::vector<QueryConfig> queries;
  std::vector<WatchConfig> watches;

  /// Every secret value of this configuration, for log and error redaction.
  Redactor redactor() const;
};

std::string_view to_string(LogFormat v);
std::string_view to_string(LogLevel v);
std::string_view to_string(SinkType v);
std::string_view to_string(PlatformId v);
std::string_view to_string(SearchRoute v);
std::string_view to_string(Polling v);
std::string_view to_string(TierName v);

/// Parses the lower-case names used in records and configuration ("weibo", "xiaohongshu", …).
std::optional<PlatformId> platform_from_string(std::string_view name);

/// The defaults of a platform: its real hosts and a polite rate.
PlatformConfig default_platform(PlatformId id);

}  // namespace koubei::config
