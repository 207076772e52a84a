#include "storage/embedded/embedded_dedup_store.hpp"

#include "storage/embedded/byte_codec.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <unordered_set>

namespace koubei::storage::embedded {
namespace {

constexpr std::uint32_t kKind = 0x50554444;  // "DDUP"
constexpr std::size_t kPayload = 12;         // fingerprint u64 + expiry u32
constexpr std::uint64_t kRecordBytes = 8 + kPayload;
constexpr std::size_t kMinClaimPurge = 4096;

std::uint32_t to_seconds_ceil(std::int64_t ms) {
  const std::int64_t s = (std::max<std::int64_t>(ms, 0) + 999) / 1000;
  return static_cast<std::uint32_t>(std::min<std::int64_t>(s, UINT32_MAX));
}

std::string encode(std::uint64_t fp, std::uint32_t expires_s) {
  std::string out;
  out.reserve(kPayload);
  ByteWriter w(out);
  w.put(fp);
  w.put(expires_s);
  return out;
}

}  // namespace

EmbeddedDedupStore::EmbeddedDedupStore(std::shared_ptr<StateDirLock> lock,
                                       EmbeddedDedupOptions options)
    : lock_(std::move(lock)), options_(std::move(options)), table_(options_.max_keys) {}

std::int64_t EmbeddedDedupStore::now_ms() const {
  if (options_.now_ms) return options_.now_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::unique_ptr<EmbeddedDedupStore>> EmbeddedDedupStore::open(
    std::shared_ptr<StateDirLock> lock, EmbeddedDedupOptions options) {
  const std::string path = (std::filesystem::path(lock->dir()) / "dedup.log").string();
  std::unique_ptr<EmbeddedDedupStore> store(
      new EmbeddedDedupStore(std::move(lock), std::move(options)));
  const std::uint32_t now_s = to_seconds_ceil(store->now_ms());
  ReplayReport report;
  std::uint64_t malformed = 0;
  auto log = RecordLog::open(
      path,
      kKind,
      [&](std::string_view payload) {
        ByteReader r(payload);
        const auto fp = r.get<std::uint64_t>();
        const auto expires = r.get<std::uint32_t>();
        if (!r.ok() || !r.done() || fp == 0) {
          ++malformed;  // intact CRC but not ours: skip it, nothing else to do
          return;
        }
        if (expires > now_s) store->table_.upsert(fp, expires, now_s);
      },
      report,
      store->options_.fsync);
  if (!log) return log.error();
  store->log_ = std::move(*log);
  store->extra_.replayed_records = report.records;
  store->extra_.torn_bytes = report.torn_bytes;
  if (report.torn_bytes > 0 || malformed > 0) {
    spdlog::warn(
        "embedded dedup store {}: cut {} byte(s) of a torn or damaged tail, skipped {} "
        "malformed record(s); ids in them may be delivered again",
        path,
        report.torn_bytes,
        malformed);
  }
  store->maybe_compact(now_s);
  return store;
}

void EmbeddedDedupStore::purge_claims(std::int64_t now) {
  if (claims_.size() < std::max(kMinClaimPurge, 2 * claims_after_purge_)) return;
  std::erase_if(claims_, [now](const auto& kv) { return kv.second <= now; });
  claims_after_purge_ = claims_.size();
}

Result<std::vector<ClaimState>> EmbeddedDedupStore::claim(std::span<const std::string> ids,
                                                          config::Duration claim_ttl) {
  const std::int64_t now = now_ms();
  const std::uint32_t now_s = static_cast<std::uint32_t>(now / 1000);
  purge_claims(now);
  std::vector<ClaimState> states;
  states.reserve(ids.size());
  std::unordered_set<std::uint64_t> batch;  // a later copy of an id in the batch is kClaimed
  batch.reserve(ids.size());
  for (const auto& id : ids) {
    const std::uint64_t fp = fingerprint(id);
    if (!batch.insert(fp).second) {
      states.push_back(ClaimState::kClaimed);
      ++stats_.claimed;
      continue;
    }
    if (table_.find(fp, now_s)) {
      states.push_back(ClaimState::kDelivered);
      ++stats_.delivered;
      continue;
    }
    auto [it, fresh] = claims_.try_emplace(fp, now + claim_ttl.count());
    if (!fresh && it->second > now) {
      states.push_back(ClaimState::kClaimed);
      ++stats_.claimed;
      continue;
    }
    it->second = now + claim_ttl.count();
    states.push_back(ClaimState::kNew);
    ++stats_.new_ids;
  }
  stats_.claims += ids.size();
  return states;
}

Result<void> EmbeddedDedupStore::confirm(std::span<const std::string> ids,
                                         config::Duration dedup_ttl) {
  const std::int64_t now = now_ms();
  const std::uint32_t now_s = static_cast<std::uint32_t>(now / 1000);
  const std::uint32_t expires = to_seconds_ceil(now + dedup_ttl.count());
  std::vector<std::uint64_t> fps;
  fps.reserve(ids.size());
  for (const auto& id : ids) {
    fps.push_back(fingerprint(id));
    log_.append(encode(fps.back(), expires));
  }
  if (auto ok = log_.sync(); !ok) {
    ++stats_.errors;
    return ok;
  }
  for (std::uint64_t fp : fps) {
    table_.upsert(fp, expires, now_s);
    claims_.erase(fp);
  }
  stats_.confirms += ids.size();
  maybe_compact(now_s);
  return {};
}

Result<void> EmbeddedDedupStore::release(std::span<const std::string> ids) {
  for (const auto& id : ids)
    claims_.erase(fingerprint(id));
  stats_.releases += ids.size();
  return {};
}

void EmbeddedDedupStore::maybe_compact(std::uint32_t now_s) {
  const std::uint64_t bytes = log_.file_bytes();
  if (bytes < std::max(options_.compact_min_bytes, retry_compaction_at_)) return;
  // occupied() bounds the live count from above without a scan.
  if (bytes <= 2 * (16 + kRecordBytes * table_.occupied())) return;
  auto ok = log_.rewrite([&](const auto& emit) {
    table_.for_each_live(now_s, [&](std::uint64_t fp, std::uint32_t e) { emit(encode(fp, e)); });
  });
  if (!ok) {
    // Not retried on every confirm: only once the log has grown by half again.
    retry_compaction_at_ = bytes + bytes / 2;
    if (++extra_.compaction_failures == 1) {
      spdlog::warn("embedded dedup store: compaction failed, keeping the old log: {}",
                   ok.error().message());
    }
    return;
  }
  retry_compaction_at_ = 0;
  ++extra_.compactions;
}

EmbeddedDedupStats EmbeddedDedupStore::embedded_stats() const {
  EmbeddedDedupStats s = extra_;
  const auto now_s = static_cast<std::uint32_t>(now_ms() / 1000);
  s.live_keys = table_.count_live(now_s);
  s.table_capacity = table_.capacity();
  s.memory_bytes = table_.memory_bytes();
  s.log_bytes = log_.file_bytes();
  s.claims_held = claims_.size();
  s.evictions = table_.evictions();
  return s;
}

}  // namespace koubei::storage::embedded
