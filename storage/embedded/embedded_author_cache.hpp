#pragma once
// EmbeddedAuthorCache: storage::AuthorCache without a server: a bounded in-memory map, persisted
// in <state_dir>/authors.log (RecordLog) so a restart keeps what was learned.
//
// Contract (beyond storage/author_cache.hpp)
// - put() keeps the entry seen last (a put with an older last_seen_ms than the stored one is
//   ignored) and sets its expiry to now + ttl. Records are buffered and written with fdatasync
//   when 64 KiB are pending, on flush() and on destruction: a crash forgets at most the
//   unflushed tail, which only costs a partial influence score until the author is seen again.
// - Bounded: at most max_entries authors; beyond that the tenth seen longest ago is dropped.
// - The log is compacted (rewritten from memory) when larger than 1 MiB and twice the live size.
// - Thread safety: none. REQUIRES: the process holds the StateDirLock of the directory.

#include "config/units.hpp"
#include "storage/author_cache.hpp"
#include "storage/embedded/record_log.hpp"
#include "storage/embedded/state_dir_lock.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

namespace koubei::storage::embedded {

struct EmbeddedAuthorOptions {
  std::uint64_t max_entries = 1'000'000;
  config::Duration ttl = std::chrono::hours(24 * 30);
  bool fsync = true;
  /// Unix time in ms; empty = system_clock.
  std::function<std::int64_t()> now_ms;
};

class EmbeddedAuthorCache final : public AuthorCache {
 public:
  static Result<std::unique_ptr<EmbeddedAuthorCache>> open(std::shared_ptr<StateDirLock> lock,
                                                           EmbeddedAuthorOptions options = {});
  ~EmbeddedAuthorCache() override;
  EmbeddedAuthorCache(const EmbeddedAuthorCache&) = delete;
  EmbeddedAuthorCache& operator=(const EmbeddedAuthorCache&) = delete;

  Result<void> put(const AuthorKey& key, const AuthorFacts& facts) override;
  Result<std::vector<std::optional<AuthorFacts>>> get_many(
      std::span<const AuthorKey> keys) override;

  /// Writes and fdatasyncs every pending record.
  Result<void> flush();

  std::size_t size() const { return entries_.size(); }

  std::uint64_t compaction_failures() const { return compaction_failures_; }

 private:
  struct Entry {
    AuthorFacts facts;
    std::int64_t expires_ms = 0;
  };

  EmbeddedAuthorCache(std::shared_ptr<StateDirLock> lock, EmbeddedAuthorOptions options);
  std::int64_t now_ms() const;
  void apply(std::string key, Entry entry);
  void evict_oldest();
  void maybe_compact();

  std::shared_ptr<StateDirLock> lock_;
  EmbeddedAuthorOptions options_;
  RecordLog log_;
  std::unordered_map<std::string, Entry> entries_;  // "platform\tid" -> entry
  std::uint64_t live_bytes_ = 0;  // encoded size of entries_
  std::uint64_t compaction_failures_ = 0;
};

}  // namespace koubei::storage::embedded
