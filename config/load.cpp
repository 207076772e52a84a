#include "config/load.hpp"

#include "analysis/keywords/expression.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <cerrno>
#include <cstring>
#include <map>

namespace koubei::config {
namespace {

bool is_http_url(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void read_daemon(TableReader& t, DaemonConfig& d) {
  t.read_string("state_dir", d.state_dir);
  if (t.read_string("metrics_listen", d.metrics_listen) && !d.metrics_listen.empty()) {
    const auto colon = d.metrics_listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == d.metrics_listen.size()) {
      t.error("metrics_listen", "\"" + d.metrics_listen +
                                    "\" is not an address (expected HOST:PORT such as "
                                    "\"127.0.0.1:9464\", or \"\" to disable)");
    }
  }
  t.read_duration("shutdown_grace", d.shutdown_grace);
  if (t.read_duration("lease_ttl", d.lease_ttl) && d.lease_ttl.count() != 0 &&
      d.lease_ttl < std::chrono::seconds(3)) {
    t.error("lease_ttl", "must be 0 (no sharing) or at least 3s: a shorter lease expires on an "
                         "ordinary network blip");
  }
  if (t.read_string("member", d.member) &&
      d.member.find_first_of(std::string_view(" \t\n\r\x1f", 5)) != std::string::npos) {
    t.error("member", "\"" + d.member + "\" contains a space or control character");
  }
  t.finish();
}

void read_log(TableReader& t, LogConfig& l) {
  t.read_enum("format", l.format, {{"text", LogFormat::kText}, {"json", LogFormat::kJson}});
  t.read_enum("level", l.level,
              {{"trace", LogLevel::kTrace}, {"debug", LogLevel::kDebug}, {"info", LogLevel::kInfo},
               {"warn", LogLevel::kWarn}, {"error", LogLevel::kError}, {"off", LogLevel::kOff}});
  t.finish();
}

// The db number of a redis:// URL ("redis://h:6379/2" -> "2"); "" when it has none.
std::string_view redis_url_db(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  const auto at = rest.rfind('@');
  if (at != std::string_view::npos) rest.remove_prefix(at + 1);
  const auto slash = rest.find('/');
  return slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
}

// A Redis Cluster is reached over TCP, has only db 0, and every node shares the url's password.
void check_redis_cluster(TableReader& t, const RedisConfig& r) {
  if (!r.cluster) {
    if (!r.cluster_seeds.empty()) t.error("cluster_seeds", "only used with cluster = true");
    return;
  }
  const std::string& url = r.url.reveal();
  if (url.starts_with("unix://")) {
    t.error("url", "a Redis Cluster is reached over TCP: use redis://host:port (unix:// is for a "
                   "standalone server)");
  } else if (const auto db = redis_url_db(url); !db.empty() && db != "0") {
    t.error("url", "\"" + mask_dsn(url) + "\" selects db " + std::string(db) +
                       ": a Redis Cluster has only db 0");
  }
  for (std::size_t i = 0; i < r.cluster_seeds.size(); ++i) {
    const std::string& seed = r.cluster_seeds[i];
    const std::string which = "seed " + std::to_string(i + 1) + " \"" + mask_dsn(seed) + "\"";
    if (!seed.starts_with("redis://")) {
      t.error("cluster_seeds", which + " is not redis://host:port");
    } else if (seed.find('@') != std::string::npos) {
      t.error("cluster_seeds", which + ": no credentials here (every node logs in with url's)");
    } else if (const auto db = redis_url_db(seed); !db.empty() && db != "0") {
      t.error("cluster_seeds", which + ": a Redis Cluster has only db 0");
    }
  }
}

void read_redis(TableReader& t, RedisConfig& r) {
  if (t.read_secret("url", r.url)) {
    const std::string& url = r.url.reveal();
    if (!url.starts_with("redis://") && !url.starts_with("unix://")) {
      t.error("url", "\"" + mask_dsn(url) +
                         "\" is not a Redis address (expected redis://host:port/db or "
                         "unix:///path/to/socket)");
    }
  } else {
    t.error("url", "missing (required in [redis]; remove the section for the embedded store)");
  }
  t.read_string("key_prefix", r.key_prefix);
  t.read_duration("dedup_ttl", r.dedup_ttl);
  t.read_duration("claim_ttl", r.claim_ttl);
  t.read_duration("connect_timeout", r.connect_timeout);
  t.read_duration("command_timeout", r.command_timeout);
  t.read_bool("cluster", r.cluster);
  t.read_string_list("cluster_seeds", r.cluster_seeds);
  check_redis_cluster(t, r);
  t.finish();
}

// Keys that belong to each sink type; a key of another type is an error, not silently ignored.
const std::set<std::string, std::less<>>& sink_keys(SinkType type) {
  static const std::set<std::string, std::less<>> kJsonl = {"path", "fsync", "local_time"};
  static const std::set<std::string, std::less<>> kStream = {"stream", "maxlen", "redis_url"};
  static const std::set<std::string, std::less<>> kPostgres = {"dsn", "table", "batch_rows"};
  switch (type) {
    case SinkType::kJsonl: return kJsonl;
    case SinkType::kRedisStream: return kStream;
    case SinkType::kPostgres: return kPostgres;
  }
  return kJsonl;
}

void read_sink(TableReader& t, SinkConfig& s, bool have_redis) {
  const bool typed =
      t.read_enum("type", s.type,
                  {{"jsonl", SinkType::kJsonl}, {"redis_stream", SinkType::kRedisStream},
                   {"postgres", SinkType::kPostgres}});
  if (!typed && t.raw().get("type") == nullptr) t.error("type", "missing (required)");
  t.read_string("name", s.name);
  t.read_size("spool_max", s.spool_max);
  for (SinkType other : {SinkType::kJsonl, SinkType::kRedisStream, SinkType::kPostgres}) {
    if (other == s.type) continue;
    for (const auto& key : sink_keys(other)) {
      if (t.raw().get(key) == nullptr || sink_keys(s.type).count(key) != 0) continue;
      t.error(key, "not valid for a sink of type \"" + std::string(to_string(s.type)) +
                       "\" (it belongs to type \"" + std::string(to_string(other)) + "\")");
      t.ignore(key);
    }
  }
  switch (s.type) {
    case SinkType::kJsonl:
      t.read_string("path", s.path);
      t.read_bool("fsync", s.fsync);
      t.read_bool("local_time", s.local_time);
      break;
    case SinkType::kRedisStream:
      t.read_string("stream", s.stream);
      t.read_uint("maxlen", s.maxlen, 0, UINT64_MAX);
      t.read_secret("redis_url", s.redis_url);
      if (s.redis_url.empty() && !have_redis) {
        t.error("redis_url", "missing: a redis_stream sink needs redis_url or a [redis] section");
      }
      break;
    case SinkType::kPostgres:
      if (!t.read_secret("dsn", s.dsn) || s.dsn.empty()) t.error("dsn", "missing (required)");
      t.read_string("table", s.table);
      t.read_uint("batch_rows", s.batch_rows, 1, 100000);
      break;
  }
  t.finish();
}

void read_http(TableReader& t, HttpConfig& h) {
  t.read_string("user_agent", h.user_agent);
  t.read_duration("connect_timeout", h.connect_timeout);
  t.read_duration("request_timeout", h.request_timeout);
  t.read_duration("stall_timeout", h.stall_timeout);
  t.read_size("max_body", h.max_body);
  t.read_size("max_decompressed", h.max_decompressed);
  t.read_uint("max_redirects", h.max_redirects, 0, 30);
  t.read_uint("max_in_flight", h.max_in_flight, 1, 100000);
  t.read_bool("verify_tls", h.verify_tls);
  t.read_string("ca_path", h.ca_path);
  t.read_duration("dns_cache_timeout", h.dns_cache_timeout);
  t.finish();
}

void read_parse(TableReader& t, ParseConfig& p) {
  t.read_uint("max_dom_depth", p.max_dom_depth, 8, 100000);
  t.read_uint("max_dom_nodes", p.max_dom_nodes, 100, 100000000);
  t.read_uint("max_items", p.max_items, 1, 1000000);
  t.read_string("quarantine_dir", p.quarantine_dir);
  t.read_size("quarantine_max", p.quarantine_max);
  t.finish();
}

void read_crawl(TableReader& t, CrawlConfig& c) {
  t.read_enum("polling", c.polling, {{"adaptive", Polling::kAdaptive}, {"fixed", Polling::kFixed}});
  t.read_duration("first_since", c.first_since);
  t.read_duration("overlap", c.overlap);
  t.read_uint("max_pages", c.max_pages, 1, 1000);
  t.read_uint("comment_pages", c.comment_pages, 0, 1000);
  t.read_uint("reply_pages", c.reply_pages, 0, 1000);
  t.read_rate("author_fetches", c.author_fetches);
  t.read_uint("retries", c.retries, 0, 100);
  t.read_duration("retry_base", c.retry_base);
  t.read_duration("retry_cap", c.retry_cap);
  if (c.retry_cap < c.retry_base) {
    t.error("retry_cap", "must not be less than retry_base (" + format_duration(c.retry_base) + ")");
  }
  t.read_uint("parse_threads", c.parse_threads, 1, 256);
  t.read_uint("delivery_group", c.delivery_group, 1, 1000000);
  t.read_uint("active_walks", c.active_walks, 1, 1000000);
  t.read_uint("seen_per_job", c.seen_per_job, 64, 10000000);
  t.read_duration("failure_delay", c.failure_delay);
  t.read_duration("cooldown_rate_limited", c.cooldown_rate_limited);
  t.read_duration("cooldown_captcha", c.cooldown_captcha);
  t.read_duration("cooldown_login", c.cooldown_login);
  t.read_duration("cooldown_signature", c.cooldown_signature);
  t.read_duration("cooldown_max", c.cooldown_max);
  t.read_uint("unhealthy_after", c.unhealthy_after, 1, 1000);
  t.finish();
}

void read_influence_platform(TableReader& t, PlatformInfluenceConfig& p) {
  t.read_number("follower_ref", p.follower_ref, 1, 1e12);
  t.read_number("engagement_ref", p.engagement_ref, 1, 1e12);
  const toml::node* tiers = t.raw().get("tiers");
  t.ignore("tiers");
  if (tiers != nullptr) {
    const auto* array = tiers->as_array();
    std::vector<std::int64_t> floors;
    for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
      if (const auto v = (*array)[i].value<std::int64_t>()) floors.push_back(*v);
    }
    bool ok = array != nullptr && floors.size() == 4 && array->size() == 4;
    for (std::size_t i = 0; ok && i < floors.size(); ++i) {
      ok = floors[i] > 0 && (i == 0 || floors[i] < floors[i - 1]);
    }
    if (ok) {
      p.tiers = floors;
    } else {
      t.error("tiers", "expected 4 descending positive follower floors [head, mid, tail, koc], "
                       "such as [1000000, 100000, 10000, 1000]");
    }
  }
  t.finish();
}

void read_influence(TableReader& t, InfluenceConfig& inf) {
  t.read_number("w_followers", inf.w_followers, 0, 1);
  t.read_number("w_engagement", inf.w_engagement, 0, 1);
  t.read_number("w_verified", inf.w_verified, 0, 1);
  for (const auto& name : t.keys()) {
    const auto id = platform_from_string(name);
    if (!id) continue;  // reported by finish()
    if (auto sub = t.table(name)) read_influence_platform(*sub, inf.platforms[*id]);
  }
  t.finish();
}

void read_alerts(TableReader& t, AlertsConfig& a, bool have_redis) {
  t.read_bool("enabled", a.enabled);
  t.read_duration("cooldown", a.cooldown);
  t.read_uint("max_mentions", a.max_mentions, 1, 1000);
  t.read_string("dead_letter", a.dead_letter);
  t.read_bool("log", a.log);
  t.read_uint("queue", a.queue, 1, 1000000);
  if (auto r = t.table("influencer")) {
    r->read_bool("enabled", a.influencer.enabled);
    r->read_enum("min_tier", a.influencer.min_tier,
                 {{"head", TierName::kHead}, {"mid", TierName::kMid}, {"tail", TierName::kTail},
                  {"koc", TierName::kKoc}, {"ordinary", TierName::kOrdinary}});
    r->finish();
  }
  if (auto r = t.table("spike")) {
    r->read_bool("enabled", a.spike.enabled);
    r->read_number("k", a.spike.k, 0, 100);
    r->read_uint("min_count", a.spike.min_count, 1, 1000000);
    r->read_duration("window", a.spike.window);
    r->read_uint("baseline_windows", a.spike.baseline_windows, 2, 1000);
    if (a.spike.window < 1min) r->error("window", "must be at least 1m");
    r->finish();
  }
  if (auto r = t.table("crisis")) {
    r->read_bool("enabled", a.crisis.enabled);
    if (r->read_string_list("words", a.crisis.words)) {
      for (const auto& w : a.crisis.words) {
        if (w.empty()) r->error("words", "empty crisis word");
      }
    }
    r->finish();
  }
  if (auto r = t.table("webhook")) {
    if (r->read_secret("url", a.webhook.url) && !a.webhook.url.empty() &&
        !is_http_url(a.webhook.url.reveal())) {
      r->error("url", "not an http(s) URL");
    }
    r->read_duration("timeout", a.webhook.timeout);
    r->read_uint("retries", a.webhook.retries, 0, 100);
    r->read_duration("backoff", a.webhook.backoff);
    r->read_duration("max_backoff", a.webhook.max_backoff);
    if (a.webhook.max_backoff < a.webhook.backoff) r->error("max_backoff", "must be at least backoff");
    if (a.webhook.timeout.count() <= 0) r->error("timeout", "must be greater than 0");
    r->finish();
  }
  if (auto r = t.table("redis_stream")) {
    r->read_string("stream", a.redis_stream.stream);
    r->read_uint("maxlen", a.redis_stream.maxlen, 0, UINT64_MAX);
    if (!a.redis_stream.stream.empty() && !have_redis) {
      r->error("stream", "alerts to a Redis Stream need a [redis] section");
    }
    r->finish();
  }
  t.finish();
}

void read_account(TableReader& t, AccountConfig& a) {
  t.read_string("name", a.name, true);
  t.read_secret("cookie", a.cookie);
  t.read_secret("proxy", a.proxy);
  Rate rate;
  if (t.read_rate("rate", rate)) a.rate = rate;
  std::uint32_t burst = 0;
  if (t.read_uint("burst", burst, 1, 10000)) a.burst = burst;
  t.finish();
}

bool valid_proxy(std::string_view p) {
  return p.starts_with("http://") || p.starts_with("https://") || p.starts_with("socks5://") ||
         p.starts_with("socks5h://");
}

void read_platform(TableReader& t, PlatformId id, PlatformConfig& p) {
  t.read_bool("enabled", p.enabled);
  for (const char* key : {"base_url", "web_url", "signer_url"}) {
    std::string& field = std::string_view(key) == "base_url" ? p.base_url
                         : std::string_view(key) == "web_url" ? p.web_url
                                                              : p.signer_url;
    if (t.read_string(key, field) && !field.empty() && !is_http_url(field)) {
      t.error(key, "\"" + field + "\" is not an http(s) URL (expected e.g. \"http://127.0.0.1:8080\")");
    }
  }
  if (t.read_enum("search_route", p.search_route,
                  {{"api", SearchRoute::kApi}, {"html", SearchRoute::kHtml}})) {
    const bool html_only = id == PlatformId::kDianping;
    const bool api_only = id == PlatformId::kXiaohongshu || id == PlatformId::kDouyin;
    if ((html_only && p.search_route == SearchRoute::kApi) ||
        (api_only && p.search_route == SearchRoute::kHtml)) {
      t.error("search_route", std::string(to_string(id)) + " has no \"" +
                                  std::string(to_string(p.search_route)) + "\" search route");
    }
  }
  t.read_rate("rate", p.rate);
  t.read_uint("burst", p.burst, 1, 10000);
  t.read_uint("concurrency", p.concurrency, 1, 10000);
  AccountConfig shorthand{"default", {}, {}, std::nullopt, std::nullopt};
  const bool has_cookie = t.read_secret("cookie", shorthand.cookie);
  const bool has_proxy = t.read_secret("proxy", shorthand.proxy);
  if (has_cookie || has_proxy) p.accounts.push_back(shorthand);
  std::set<std::string> names;
  for (auto& account_table : t.tables("accounts")) {
    AccountConfig account;
    read_account(account_table, account);
    if (!account.name.empty() && !names.insert(account.name).second) {
      account_table.error("name", "duplicate account name \"" + account.name + "\"");
    }
    if (!account.proxy.empty() && !valid_proxy(account.proxy.reveal())) {
      account_table.error("proxy", "not a proxy URL (expected http://, https:// or socks5://)");
    }
    p.accounts.push_back(std::move(account));
  }
  if (has_proxy && !valid_proxy(shorthand.proxy.reveal())) {
    t.error("proxy", "not a proxy URL (expected http://, https:// or socks5://)");
  }
  // Only Dianping obfuscates characters; elsewhere the key stays unknown (an error).
  if (id == PlatformId::kDianping) t.read_string("glyph_map", p.glyph_map);
  t.finish();
}

void read_interval(TableReader& t, IntervalConfig& interval) {
  auto sub = t.table("interval");
  if (!sub) return;
  sub->read_duration("min", interval.min);
  sub->read_duration("max", interval.max);
  if (interval.min.count() <= 0) sub->error("min", "must be greater than 0");
  if (interval.max < interval.min) {
    sub->error("max", "must not be less than min (" + format_duration(interval.min) + ")");
  }
  sub->finish();
}

void read_query(TableReader& t, QueryConfig& q, const Config& config) {
  if (t.read_string("id", q.id, true) && !valid_id(q.id)) {
    t.error("id", "\"" + q.id + "\" is not a valid id (expected 1-64 of A-Z a-z 0-9 - _ .)");
  }
  if (t.read_string("keywords", q.keywords, true)) {
    // A query that cannot be parsed or searched must stop the daemon at start-up, not at 3 am.
    if (const auto error = analysis::keywords::check_expression(q.keywords)) {
      t.error_in_string("keywords", error->column, error->message);
    }
  }
  std::vector<std::string> names;
  if (t.read_string_list("platforms", names)) {
    for (const auto& name : names) {
      const auto id = platform_from_string(name);
      if (!id) {
        t.error("platforms", "\"" + name + "\" is not a platform (expected weibo, xiaohongshu, "
                                          "douyin or dianping)");
      } else if (!config.platforms.at(*id).enabled) {
        t.error("platforms", name + " is disabled in [platforms." + name + "]");
      } else {
        q.platforms.push_back(*id);
      }
    }
  } else {
    for (PlatformId p : kAllPlatforms) {
      if (config.platforms.at(p).enabled) q.platforms.push_back(p);
    }
  }
  read_interval(t, q.interval);
  t.read_number("priority", q.priority, 0.001, 1000);
  t.read_bool("comments", q.comments);
  t.read_string_list("shops", q.shops);
  const auto dianping = std::find(q.platforms.begin(), q.platforms.end(), PlatformId::kDianping);
  if (dianping != q.platforms.end() && q.shops.empty()) {
    if (names.empty()) {
      q.platforms.erase(dianping);  // the default list: Dianping only where shops are named
    } else {
      t.error("platforms", "dianping has no search: name the shops whose reviews this query "
                           "filters (shops = [\"SHOP_ID\", ...])");
    }
  }
  t.finish();
}

void read_watch(TableReader& t, WatchConfig& w) {
  std::string platform;
  if (t.read_string("platform", platform, true)) {
    if (const auto id = platform_from_string(platform)) {
      w.platform = *id;
    } else {
      t.error("platform", "\"" + platform + "\" is not a platform (expected weibo, xiaohongshu, "
                                         "douyin or dianping)");
    }
  }
  if (t.read_string("user", w.user, true) &&
      (w.platform == PlatformId::kXiaohongshu || w.platform == PlatformId::kDouyin)) {
    t.error("platform", "watching " + std::string(to_string(w.platform)) +
                            " accounts is not supported (no timeline page type); watch weibo "
                            "users or dianping shops, or search for the account's name");
  }
  t.read_string("name", w.name);
  read_interval(t, w.interval);
  t.read_bool("comments", w.comments);
  t.finish();
}

void read_platforms(TableReader& root, Config& config) {
  for (PlatformId id : kAllPlatforms) config.platforms[id] = default_platform(id);
  auto platforms = root.table("platforms");
  if (!platforms) return;
  for (const auto& name : platforms->keys()) {
    const auto id = platform_from_string(name);
    if (!id) continue;  // reported by finish() below
    if (auto t = platforms->table(name)) read_platform(*t, *id, config.platforms[*id]);
  }
  platforms->finish();
}

void read_sinks(TableReader& root, Config& config) {
  std::map<std::string, int> seen;
  for (auto& t : root.tables("sink")) {
    SinkConfig sink;
    read_sink(t, sink, config.redis.has_value());
    if (sink.name.empty()) {
      const std::string base(to_string(sink.type));
      const int n = ++seen[base];
      sink.name = n == 1 ? base : base + "-" + std::to_string(n);
    } else if (++seen[sink.name] > 1) {
      t.error("name", "duplicate sink name \"" + sink.name + "\"");
    }
    config.sinks.push_back(std::move(sink));
  }
  // No [[sink]]: the embedded default writes hourly JSONL files under var/out.
  if (config.sinks.empty()) {
    SinkConfig sink;
    sink.name = "jsonl";
    config.sinks.push_back(std::move(sink));
  }
}

Config read_config(const toml::table& table, const std::string& name, const EnvLookup& env) {
  Diagnostics diags(name);
  TableReader root(table, "", diags, env);
  Config config;
  config.source_file = name;
  if (auto t = root.table("daemon")) read_daemon(*t, config.daemon);
  if (auto t = root.table("log")) read_log(*t, config.log);
  if (auto t = root.table("redis")) {
    config.redis.emplace();
    read_redis(*t, *config.redis);
  }
  read_sinks(root, config);
  if (auto t = root.table("http")) read_http(*t, config.http);
  if (auto t = root.table("parse")) read_parse(*t, config.parse);
  if (auto t = root.table("crawl")) read_crawl(*t, config.crawl);
  for (PlatformId id : kAllPlatforms) config.influence.platforms[id] = default_influence(id);
  if (auto t = root.table("influence")) read_influence(*t, config.influence);
  if (auto t = root.table("alerts")) read_alerts(*t, config.alerts, config.redis.has_value());
  read_platforms(root, config);
  std::set<std::string> query_ids;
  for (auto& t : root.tables("query")) {
    QueryConfig q;
    read_query(t, q, config);
    if (!q.id.empty() && !query_ids.insert(q.id).second) {
      t.error("id", "duplicate query id \"" + q.id + "\"");
    }
    config.queries.push_back(std::move(q));
  }
  for (auto& t : root.tables("watch")) {
    WatchConfig w;
    read_watch(t, w);
    config.watches.push_back(std::move(w));
  }
  root.finish();
  if (!diags.empty()) throw LoadError(diags.format(), diags.items());
  return config;
}

}  // namespace

Config load_string(std::string_view text, const std::string& name, const EnvLookup& env) {
  toml::table table;
  try {
    table = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    Diagnostics diags(name);
    diags.add(e.source(), "", "TOML syntax error: " + std::string(e.description()));
    throw LoadError(diags.format(), diags.items());
  }
  return read_config(table, name, env);
}

Config load(const std::string& path, const EnvLookup& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw LoadError(path + ": cannot open configuration file: " + std::strerror(errno) + "\n", {});
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return load_string(text, path, env);
}

}  // namespace koubei::config
