#include "config/print.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <sstream>

namespace koubei::config {
namespace {

std::string masked(const Secret& s) { return s.empty() ? std::string() : std::string(kMask); }

std::string masked_dsn(const Secret& s) { return mask_dsn(s.reveal()); }

// toml++ writes doubles with 17 significant digits (0.29999999999999999); show the shortest form
// that reads back to the same double (0.3), keeping a float a float ("1e+08", "10000.0").
std::string shorten_floats(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    const auto eq = line.find(" = ");
    if (eq != std::string::npos) {
      const std::string value = line.substr(eq + 3);
      double d = 0;
      const auto r = std::from_chars(value.data(), value.data() + value.size(), d);
      const bool is_float = value.find_first_of(".eE") != std::string::npos;
      if (is_float && r.ec == std::errc() && r.ptr == value.data() + value.size()) {
        char buf[32];
        const auto w = std::to_chars(buf, buf + sizeof buf, d);
        std::string shortest(buf, w.ptr);
        if (shortest.find_first_of(".e") == std::string::npos) shortest += ".0";
        line = line.substr(0, eq + 3) + shortest;
      }
    }
    out += line;
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

toml::table interval_table(const IntervalConfig& i) {
  return toml::table{{"min", format_duration(i.min)}, {"max", format_duration(i.max)}};
}

toml::table sink_table(const SinkConfig& s) {
  toml::table t{{"type", to_string(s.type)}, {"name", s.name},
                {"spool_max", format_size(s.spool_max)}};
  switch (s.type) {
    case SinkType::kJsonl:
      t.insert("path", s.path);
      t.insert("fsync", s.fsync);
      t.insert("local_time", s.local_time);
      break;
    case SinkType::kRedisStream:
      t.insert("stream", s.stream);
      t.insert("maxlen", static_cast<std::int64_t>(s.maxlen));
      t.insert("redis_url", masked_dsn(s.redis_url));
      break;
    case SinkType::kPostgres:
      t.insert("dsn", masked_dsn(s.dsn));
      t.insert("table", s.table);
      t.insert("batch_rows", static_cast<std::int64_t>(s.batch_rows));
      break;
  }
  return t;
}

toml::table platform_table(const PlatformConfig& p) {
  toml::table t{{"enabled", p.enabled},
                {"base_url", p.base_url},
                {"web_url", p.web_url},
                {"search_route", to_string(p.search_route)},
                {"rate", format_rate(p.rate)},
                {"burst", static_cast<std::int64_t>(p.burst)},
                {"concurrency", static_cast<std::int64_t>(p.concurrency)},
                {"signer_url", p.signer_url}};
  toml::array accounts;
  for (const auto& a : p.accounts) {
    toml::table at{{"name", a.name}, {"cookie", masked(a.cookie)}, {"proxy", masked_dsn(a.proxy)}};
    if (a.rate) at.insert("rate", format_rate(*a.rate));
    if (a.burst) at.insert("burst", static_cast<std::int64_t>(*a.burst));
    accounts.push_back(std::move(at));
  }
  if (!accounts.empty()) t.insert("accounts", std::move(accounts));
  if (!p.glyph_map.empty()) t.insert("glyph_map", p.glyph_map);
  return t;
}

toml::table alerts_table(const AlertsConfig& a) {
  toml::array words;
  for (const auto& w : a.crisis.words) words.push_back(w);
  return toml::table{
      {"enabled", a.enabled},
      {"cooldown", format_duration(a.cooldown)},
      {"max_mentions", static_cast<std::int64_t>(a.max_mentions)},
      {"dead_letter", a.dead_letter},
      {"log", a.log},
      {"queue", static_cast<std::int64_t>(a.queue)},
      {"influencer", toml::table{{"enabled", a.influencer.enabled},
                                 {"min_tier", to_string(a.influencer.min_tier)}}},
      {"spike", toml::table{{"enabled", a.spike.enabled},
                            {"k", a.spike.k},
                            {"min_count", static_cast<std::int64_t>(a.spike.min_count)},
                            {"window", format_duration(a.spike.window)},
                            {"baseline_windows", static_cast<std::int64_t>(a.spike.baseline_windows)}}},
      {"crisis", toml::table{{"enabled", a.crisis.enabled}, {"words", std::move(words)}}},
      {"webhook", toml::table{{"url", masked(a.webhook.url)},
                              {"timeout", format_duration(a.webhook.timeout)},
                              {"retries", static_cast<std::int64_t>(a.webhook.retries)},
                              {"backoff", format_duration(a.webhook.backoff)},
                              {"max_backoff", format_duration(a.webhook.max_backoff)}}},
      {"redis_stream", toml::table{{"stream", a.redis_stream.stream},
                                   {"maxlen", static_cast<std::int64_t>(a.redis_stream.maxlen)}}}};
}

toml::array platform_names(const std::vector<PlatformId>& ids) {
  toml::array out;
  for (PlatformId id : ids) out.push_back(to_string(id));
  return out;
}

}  // namespace

std::string to_toml(const Config& c) {
  toml::table root;
  root.insert("daemon", toml::table{{"state_dir", c.daemon.state_dir},
                                    {"metrics_listen", c.daemon.metrics_listen},
                                    {"shutdown_grace", format_duration(c.daemon.shutdown_grace)},
                                    {"lease_ttl", format_duration(c.daemon.lease_ttl)},
                                    {"member", c.daemon.member}});
  root.insert("log", toml::table{{"format", to_string(c.log.format)},
                                 {"level", to_string(c.log.level)}});
  if (c.redis) {
    const RedisConfig& r = *c.redis;
    root.insert("redis", toml::table{{"url", masked_dsn(r.url)},
                                     {"key_prefix", r.key_prefix},
                                     {"dedup_ttl", format_duration(r.dedup_ttl)},
                                     {"claim_ttl", format_duration(r.claim_ttl)},
                                     {"connect_timeout", format_duration(r.connect_timeout)},
                                     {"command_timeout", format_duration(r.command_timeout)},
                                     {"cluster", r.cluster}});
    if (!r.cluster_seeds.empty()) {
      toml::array seeds;
      for (const auto& seed : r.cluster_seeds) seeds.push_back(seed);
      root["redis"].as_table()->insert("cluster_seeds", std::move(seeds));
    }
  }
  toml::array sinks;
  for (const auto& s : c.sinks) sinks.push_back(sink_table(s));
  root.insert("sink", std::move(sinks));
  const HttpConfig& h = c.http;
  root.insert("http", toml::table{{"user_agent", h.user_agent},
                                  {"connect_timeout", format_duration(h.connect_timeout)},
                                  {"request_timeout", format_duration(h.request_timeout)},
                                  {"stall_timeout", format_duration(h.stall_timeout)},
                                  {"max_body", format_size(h.max_body)},
                                  {"max_decompressed", format_size(h.max_decompressed)},
                                  {"max_redirects", static_cast<std::int64_t>(h.max_redirects)},
                                  {"max_in_flight", static_cast<std::int64_t>(h.max_in_flight)},
                                  {"verify_tls", h.verify_tls},
                                  {"ca_path", h.ca_path},
                                  {"dns_cache_timeout", format_duration(h.dns_cache_timeout)}});
  const ParseConfig& p = c.parse;
  root.insert("parse", toml::table{{"max_dom_depth", static_cast<std::int64_t>(p.max_dom_depth)},
                                   {"max_dom_nodes", static_cast<std::int64_t>(p.max_dom_nodes)},
                                   {"max_items", static_cast<std::int64_t>(p.max_items)},
                                   {"quarantine_dir", p.quarantine_dir},
                                   {"quarantine_max", format_size(p.quarantine_max)}});
  const CrawlConfig& cr = c.crawl;
  root.insert("crawl",
              toml::table{{"polling", std::string(to_string(cr.polling))},
                          {"first_since", format_duration(cr.first_since)},
                          {"overlap", format_duration(cr.overlap)},
                          {"max_pages", static_cast<std::int64_t>(cr.max_pages)},
                          {"comment_pages", static_cast<std::int64_t>(cr.comment_pages)},
                          {"reply_pages", static_cast<std::int64_t>(cr.reply_pages)},
                          {"author_fetches", format_rate(cr.author_fetches)},
                          {"retries", static_cast<std::int64_t>(cr.retries)},
                          {"retry_base", format_duration(cr.retry_base)},
                          {"retry_cap", format_duration(cr.retry_cap)},
                          {"parse_threads", static_cast<std::int64_t>(cr.parse_threads)},
                          {"delivery_group", static_cast<std::int64_t>(cr.delivery_group)},
                          {"active_walks", static_cast<std::int64_t>(cr.active_walks)},
                          {"seen_per_job", static_cast<std::int64_t>(cr.seen_per_job)},
                          {"failure_delay", format_duration(cr.failure_delay)},
                          {"cooldown_rate_limited", format_duration(cr.cooldown_rate_limited)},
                          {"cooldown_captcha", format_duration(cr.cooldown_captcha)},
                          {"cooldown_login", format_duration(cr.cooldown_login)},
                          {"cooldown_signature", format_duration(cr.cooldown_signature)},
                          {"cooldown_max", format_duration(cr.cooldown_max)},
                          {"unhealthy_after", static_cast<std::int64_t>(cr.unhealthy_after)}});
  toml::table influence{{"w_followers", c.influence.w_followers},
                        {"w_engagement", c.influence.w_engagement},
                        {"w_verified", c.influence.w_verified}};
  for (const auto& [id, pi] : c.influence.platforms) {
    toml::array tiers;
    for (std::int64_t floor : pi.tiers) tiers.push_back(floor);
    influence.insert(to_string(id), toml::table{{"follower_ref", pi.follower_ref},
                                                {"engagement_ref", pi.engagement_ref},
                                                {"tiers", std::move(tiers)}});
  }
  root.insert("influence", std::move(influence));
  root.insert("alerts", alerts_table(c.alerts));
  toml::table platforms;
  for (const auto& [id, platform] : c.platforms) {
    platforms.insert(to_string(id), platform_table(platform));
  }
  root.insert("platforms", std::move(platforms));
  toml::array queries;
  for (const auto& q : c.queries) {
    queries.push_back(toml::table{{"id", q.id},
                                  {"platforms", platform_names(q.platforms)},
                                  {"keywords", q.keywords},
                                  {"interval", interval_table(q.interval)},
                                  {"priority", q.priority},
                                  {"comments", q.comments}});
    if (!q.shops.empty()) {
      toml::array shops;
      for (const auto& shop : q.shops) shops.push_back(shop);
      queries.back().as_table()->insert("shops", std::move(shops));
    }
  }
  if (!queries.empty()) root.insert("query", std::move(queries));
  toml::array watches;
  for (const auto& w : c.watches) {
    watches.push_back(toml::table{{"platform", to_string(w.platform)},
                                  {"user", w.user},
                                  {"name", w.name},
                                  {"interval", interval_table(w.interval)},
                                  {"comments", w.comments}});
  }
  if (!watches.empty()) root.insert("watch", std::move(watches));
  std::ostringstream out;
  out << root;
  return "# effective configuration of " + c.source_file + " (secrets masked)\n" +
         shorten_floats(out.str()) + "\n";
}

}  // namespace koubei::config
