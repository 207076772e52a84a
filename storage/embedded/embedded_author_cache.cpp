#include "storage/embedded/embedded_author_cache.hpp"

#include "storage/embedded/byte_codec.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>

namespace koubei::storage::embedded {
namespace {

constexpr std::uint32_t kKind = 0x48545541;  // "AUTH"
constexpr std::size_t kFlushBytes = 64 << 10;
constexpr std::uint64_t kCompactMinBytes = 1 << 20;
constexpr std::int64_t kNoFollowers = std::numeric_limits<std::int64_t>::min();

std::string map_key(const AuthorKey& k) {
  return k.platform + '\t' + k.id;
}

// Record: expires i64 | seen i64 | followers i64 (kNoFollowers) | verified u8 (0/1/2=unknown) |
// key string | verified_type string.
std::string encode(const std::string& key, const AuthorFacts& f, std::int64_t expires_ms) {
  std::string out;
  ByteWriter w(out);
  w.put(expires_ms);
  w.put(f.last_seen_ms);
  w.put(f.followers.value_or(kNoFollowers));
  w.put(static_cast<std::uint8_t>(f.verified ? (*f.verified ? 1 : 0) : 2));
  w.put_string(key);
  w.put_string(f.verified_type);
  return out;
}

}  // namespace

EmbeddedAuthorCache::EmbeddedAuthorCache(std::shared_ptr<StateDirLock> lock,
                                         EmbeddedAuthorOptions options)
    : lock_(std::move(lock)), options_(std::move(options)) {}

EmbeddedAuthorCache::~EmbeddedAuthorCache() {
  if (auto ok = flush(); !ok) {
    spdlog::warn("embedded author cache: final flush failed: {}", ok.error().message());
  }
}

std::int64_t EmbeddedAuthorCache::now_ms() const {
  if (options_.now_ms) return options_.now_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::unique_ptr<EmbeddedAuthorCache>> EmbeddedAuthorCache::open(
    std::shared_ptr<StateDirLock> lock, EmbeddedAuthorOptions options) {
  const std::string path = (std::filesystem::path(lock->dir()) / "authors.log").string();
  std::unique_ptr<EmbeddedAuthorCache> cache(
      new EmbeddedAuthorCache(std::move(lock), std::move(options)));
  const std::int64_t now = cache->now_ms();
  ReplayReport report;
  auto log = RecordLog::open(
      path,
      kKind,
      [&](std::string_view payload) {
        ByteReader r(payload);
        Entry e;
        e.expires_ms = r.get<std::int64_t>();
        e.facts.last_seen_ms = r.get<std::int64_t>();
        const auto followers = r.get<std::int64_t>();
        const auto verified = r.get<std::uint8_t>();
        std::string key = r.get_string();
        e.facts.verified_type = r.get_string();
        if (!r.ok() || !r.done() || e.expires_ms <= now) return;
        if (followers != kNoFollowers) e.facts.followers = followers;
        if (verified < 2) e.facts.verified = verified == 1;
        cache->apply(std::move(key), std::move(e));
      },
      report,
      cache->options_.fsync);
  if (!log) return log.error();
  cache->log_ = std::move(*log);
  if (report.torn_bytes > 0) {
    spdlog::warn(
        "embedded author cache {}: cut {} byte(s) of a torn tail", path, report.torn_bytes);
  }
  return cache;
}

void EmbeddedAuthorCache::apply(std::string key, Entry entry) {
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    if (it->second.facts.last_seen_ms > entry.facts.last_seen_ms) return;
    live_bytes_ -= encode(it->first, it->second.facts, it->second.expires_ms).size();
    it->second = std::move(entry);
  } else {
    it = entries_.emplace(std::move(key), std::move(entry)).first;
  }
  live_bytes_ += encode(it->first, it->second.facts, it->second.expires_ms).size();
  if (entries_.size() > options_.max_entries) evict_oldest();
}

void EmbeddedAuthorCache::evict_oldest() {
  std::vector<std::int64_t> seen;
  seen.reserve(entries_.size());
  for (const auto& [k, e] : entries_)
    seen.push_back(e.facts.last_seen_ms);
  const std::size_t drop = std::max<std::size_t>(1, options_.max_entries / 10);
  std::nth_element(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(drop - 1), seen.end());
  const std::int64_t cutoff = seen[drop - 1];
  std::size_t dropped = 0;
  std::erase_if(entries_, [&](const auto& kv) {
    if (dropped >= drop || kv.second.facts.last_seen_ms > cutoff) return false;
    live_bytes_ -= encode(kv.first, kv.second.facts, kv.second.expires_ms).size();
    ++dropped;
    return true;
  });
}

Result<void> EmbeddedAuthorCache::put(const AuthorKey& key, const AuthorFacts& facts) {
  const std::int64_t expires = now_ms() + options_.ttl.count();
  std::string k = map_key(key);
  log_.append(encode(k, facts, expires));
  apply(std::move(k), Entry{facts, expires});
  if (log_.pending_bytes() >= kFlushBytes) return flush();
  return {};
}

Result<std::vector<std::optional<AuthorFacts>>> EmbeddedAuthorCache::get_many(
    std::span<const AuthorKey> keys) {
  const std::int64_t now = now_ms();
  std::vector<std::optional<AuthorFacts>> out;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    auto it = entries_.find(map_key(key));
    if (it == entries_.end() || it->second.expires_ms <= now) {
      out.emplace_back();
    } else {
      out.emplace_back(it->second.facts);
    }
  }
  return out;
}

Result<void> EmbeddedAuthorCache::flush() {
  if (auto ok = log_.sync(); !ok) return ok;
  maybe_compact();
  return {};
}

void EmbeddedAuthorCache::maybe_compact() {
  const std::uint64_t bytes = log_.file_bytes();
  if (bytes < kCompactMinBytes || bytes <= 2 * live_bytes_) return;
  const std::int64_t now = now_ms();
  auto ok = log_.rewrite([&](const auto& emit) {
    for (const auto& [k, e] : entries_) {
      if (e.expires_ms > now) emit(encode(k, e.facts, e.expires_ms));
    }
  });
  if (!ok && ++compaction_failures_ == 1) {  // counted always, logged once
    spdlog::warn("embedded author cache: compaction failed, keeping the old log: {}",
                 ok.error().message());
  }
}

}  // namespace koubei::storage::embedded
