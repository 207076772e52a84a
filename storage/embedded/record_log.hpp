#pragma once
// RecordLog: the embedded store's crash-safe file format, an append-only log of checksummed
// records with atomic rewrite for compaction (the idea of leveldb's doc/log_format.md, simpler:
// one frame per record, no blocks). Format, all integers little-endian:
//
//   header  "KOUBEILG" (8 bytes) | u32 kind | u32 crc32c(first 12 bytes)      16 bytes
//   record  u32 crc32c(len|payload) | u32 len | payload                       8 + len bytes
//
// Contract
// - open() replays every intact record in order and stops at the first frame that is short,
//   longer than the rest of the file or fails its CRC: that is the tail a crash mid-write leaves
//   (or damage). The file is cut back to the end of the last intact record (and fsync'd) so new
//   records never follow garbage; the cut is reported, counted and logged at warn by the caller.
//   A file shorter than its header is treated as empty; a header of another kind or a foreign file
//   is Errc::kCorrupt (never overwritten).
// - append() only buffers; sync() writes the buffer in one write and fdatasyncs. On failure the
//   file is cut back to its previous length and the records stay pending (retry later): a record
//   is durable exactly when a sync() covering it succeeded.
// - rewrite() replaces the whole file by the records it is given (compaction): written to
//   <path>.tmp, fsync'd, renamed over <path>, directory fsync'd. A crash leaves the old or the new
//   file, never a mix; a stale .tmp is removed by the next open().
// - Thread safety: none. One RecordLog per file; the state dir lock keeps other processes out.

#include "config/error.hpp"
#include "storage/posix_file.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace koubei::storage::embedded {

/// Appends one record frame for `payload` to `out`.
void append_frame(std::string& out, std::string_view payload);

struct ReplayReport {
  std::uint64_t records = 0;     ///< intact records replayed
  std::uint64_t torn_bytes = 0;  ///< bytes cut from the end (a torn or damaged tail)
};

class RecordLog {
 public:
  using Visitor = std::function<void(std::string_view payload)>;
  /// Receives an `emit(payload)` function and calls it once per record of the new file.
  using Filler = std::function<void(const std::function<void(std::string_view)>& emit)>;

  RecordLog() = default;

  /// Opens (creating it and its directory if needed) and replays `path`. `fsync` false is for
  /// benchmarks and throw-away state only: it voids the crash promise.
  static Result<RecordLog> open(std::string path,
                                std::uint32_t kind,
                                const Visitor& visit,
                                ReplayReport& report,
                                bool fsync = true);

  void append(std::string_view payload) { append_frame(pending_, payload); }

  Result<void> sync();

  /// REQUIRES: nothing pending (sync() first).
  Result<void> rewrite(const Filler& fill);

  std::uint64_t file_bytes() const { return size_; }

  std::size_t pending_bytes() const { return pending_.size(); }

  const std::string& path() const { return path_; }

 private:
  Error io_error(std::error_code code, std::string_view step, int err) const;
  Result<void> write_all(int fd, std::string_view bytes, const std::string& path) const;

  std::string path_;
  std::uint32_t kind_ = 0;
  bool fsync_ = true;
  storage::detail::UniqueFd fd_;
  std::uint64_t size_ = 0;
  std::string pending_;
};

/// Writes `bytes` to `path` atomically (tmp file, fsync, rename, directory fsync).
Result<void> write_file_atomically(const std::string& path,
                                   std::string_view bytes,
                                   bool fsync = true);

/// fsync of a directory, so that a rename or creation inside it is durable.
Result<void> sync_directory(const std::string& dir);

}  // namespace koubei::storage::embedded
