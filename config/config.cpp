#include "config/config.hpp"

namespace koubei::config {

std::string_view to_string(LogFormat v) { return v == LogFormat::kJson ? "json" : "text"; }

std::string_view to_string(LogLevel v) {
  switch (v) {
    case LogLevel::kTrace: return "trace";
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
    case LogLevel::kOff: return "off";
  }
  return "info";
}

std::string_view to_string(SinkType v) {
  switch (v) {
    case SinkType::kJsonl: return "jsonl";
    case SinkType::kRedisStream: return "redis_stream";
    case SinkType::kPostgres: return "postgres";
  }
  return "jsonl";
}

std::string_view to_string(Polling v) { return v == Polling::kFixed ? "fixed" : "adaptive"; }

std::string_view to_string(PlatformId v) {
  switch (v) {
    case PlatformId::kWeibo: return "weibo";
    case PlatformId::kXiaohongshu: return "xiaohongshu";
    case PlatformId::kDouyin: return "douyin";
    case PlatformId::kDianping: return "dianping";
  }
  return "weibo";
}

std::string_view to_string(SearchRoute v) { return v == SearchRoute::kHtml ? "html" : "api"; }

std::string_view to_string(TierName v) {
  switch (v) {
    case TierName::kHead: return "head";
    case TierName::kMid: return "mid";
    case TierName::kTail: return "tail";
    case TierName::kKoc: return "koc";
    case TierName::kOrdinary: return "ordinary";
  }
  return "mid";
}

std::optional<PlatformId> platform_from_string(std::string_view name) {
  for (PlatformId p : kAllPlatforms) {
    if (to_string(p) == name) return p;
  }
  return std::nullopt;
}

PlatformConfig default_platform(PlatformId id) {
  PlatformConfig p;
  switch (id) {
    case PlatformId::kWeibo:
      p.base_url = "https://m.weibo.cn";
      p.web_url = "https://s.weibo.com";
      break;
    case PlatformId::kXiaohongshu:
      p.base_url = "https://edith.xiaohongshu.com";
      p.web_url = "https://www.xiaohongshu.com";
      p.rate = Rate{1, 2s};
      break;
    case PlatformId::kDouyin:
      p.base_url = "https://www.douyin.com";
      p.web_url = "https://www.douyin.com";
      break;
    case PlatformId::kDianping:
      // Review pages ban after a handful of fast requests (platforms.md §3, §4.10).
      p.base_url = "https://www.dianping.com";
      p.web_url = "https://www.dianping.com";
      p.search_route = SearchRoute::kHtml;
      p.rate = Rate{1, 5s};
      p.burst = 1;
      p.concurrency = 1;
      break;
  }
  return p;
}

PlatformInfluenceConfig default_influence(PlatformId id) {
  switch (id) {
    case PlatformId::kWeibo: return {1e8, 1e6, {1000000, 100000, 10000, 1000}};
    case PlatformId::kXiaohongshu: return {1e7, 1e6, {1000000, 100000, 10000, 1000}};
    case PlatformId::kDouyin: return {1e8, 1e7, {10000000, 1000000, 100000, 10000}};
    case PlatformId::kDianping: return {1e5, 1e4, {100000, 10000, 1000, 100}};
  }
  return {};
}

Redactor Config::redactor() const {
  Redactor r;
  if (redis) r.add_dsn(redis->url.reveal());
  for (const auto& sink : sinks) {
    r.add_dsn(sink.redis_url.reveal());
    r.add_dsn(sink.dsn.reveal());
    // A DSN may be a bare key/value string whose only secret is the password.
  }
  if (!alerts.webhook.url.empty()) r.add(alerts.webhook.url.reveal());
  for (const auto& [id, platform] : platforms) {
    for (const auto& account : platform.accounts) {
      r.add_cookie(account.cookie.reveal());
      r.add_dsn(account.proxy.reveal());
    }
  }
  return r;
}

}  // namespace koubei::config
