#pragma once
// JsonlSink: the crawler's output file, one JSON record per line ("JSON Lines"), rotated by time.
//
// Contract
// - Purpose: append() buffers serialized records in memory; sync() writes every buffered record to
//   the file named by path_pattern for the *sync* time and makes it durable. Records therefore go
//   to the file of the hour (or whatever the pattern's finest field is) in which they were synced,
//   not the one in which they were appended.
// - Durability promise: after sync() returns success, every appended line is on disk, whole, in
//   order (with fsync = true; the file and any directory entry it created are fsync'd). On failure
//   sync() leaves no partial line behind (the file is cut back to its length before the call) and
//   keeps every pending record, so a later sync() retries them: nothing is lost, nothing is
//   doubled. (Should the cut-back itself fail, the file is reopened by the next sync(), whose
//   crash recovery removes the half line; whole lines of the failed batch may then appear twice,
//   which the records' stable ids make harmless.)
// - Crash recovery: whenever the sink opens an existing file (first sync after start-up, or a
//   rotation into an existing file) whose last byte is not '\n', it cuts the file back to just
//   after its last '\n' (or to 0). A half-written line is never merged with the next record. The
//   cut is counted in stats(), reported in SyncReport::recovered_bytes and logged once at warn.
// - Thread safety: none. Use one sink from one thread or strand at a time.
// - Ownership: the sink owns its file descriptor (closed by close() or the destructor). Neither
//   syncs: records appended but not synced are dropped. The pipeline confirms a record (advances
//   its checkpoint) only after a successful sync(), so dropping them loses nothing.
// - One sink per file: two sinks (or processes) writing the same path are not supported.
// - REQUIRES: the process ignores SIGXFSZ (signal(SIGXFSZ, SIG_IGN)), so that exceeding
//   RLIMIT_FSIZE makes write(2) fail with EFBIG (reported as kWriteFailed) instead of killing the
//   process. The library does not install signal handlers; the composition root does.

#include "config/error.hpp"
#include "storage/errors.hpp"
#include "storage/posix_file.hpp"  // detail::UniqueFd

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::storage {

struct JsonlSinkOptions {
  /// Output path, strftime-style (%Y %m %d %H %M %%, ...). The finest field sets the rotation:
  /// "%H" rotates hourly. Relative paths are relative to the working directory; missing parent
  /// directories are created (mode 0755 before umask). Files are created with mode 0644.
  std::string path_pattern = "var/out/mentions-%Y%m%d%H.jsonl";
  /// fdatasync the file (and fsync new directory entries) on every sync(). false only for tests
  /// and throw-away runs: it voids the durability promise.
  bool fsync = true;
  /// Limit of the in-memory buffer in bytes, newlines included. append() refuses with kPendingFull
  /// when a record would exceed it; a single record larger than this is kRecordTooLarge.
  std::size_t max_pending_bytes = 8 << 20;
  /// Expand path_pattern in local time. Default: UTC.
  bool local_time = false;
  /// Time source for path_pattern, read once per sync(). Empty: std::chrono::system_clock::now.
  std::function<std::chrono::system_clock::time_point()> clock;
};

/// What one successful sync() did.
struct SyncReport {
  std::string path;       ///< file written (the pattern expanded at sync time)
  std::size_t bytes = 0;  ///< bytes written, newlines included
  std::size_t lines = 0;  ///< records written
  /// Half-line bytes cut from files opened since the last successful report (crash recovery).
  std::uint64_t recovered_bytes = 0;
};

/// Counters since construction.
struct JsonlSinkStats {
  std::uint64_t lines_written = 0;
  std::uint64_t bytes_written = 0;
  std::uint64_t syncs = 0;            ///< successful sync() calls, empty ones included
  std::uint64_t sync_failures = 0;    ///< sync() calls that returned an error
  std::uint64_t recovered_files = 0;  ///< files found with a half-written last line
  std::uint64_t recovered_bytes = 0;  ///< bytes cut from those files
};

class JsonlSink {
 public:
  explicit JsonlSink(JsonlSinkOptions options);
  JsonlSink(JsonlSink&&) noexcept = default;
  JsonlSink& operator=(JsonlSink&&) noexcept = default;
  JsonlSink(const JsonlSink&) = delete;
  JsonlSink& operator=(const JsonlSink&) = delete;
  ~JsonlSink() = default;  // closes the file; pending records are dropped (see contract)

  /// Buffers one serialized record; the sink adds the '\n'. Nothing is written to disk.
  /// Errors (nothing buffered): kInvalidRecord (empty, or contains '\n' or '\r'), kPendingFull
  /// (sync() first), kRecordTooLarge, kClosed. The record's JSON is not validated.
  Result<void> append(std::string_view line);

  /// Writes all pending records to the file for the current clock time (opening, creating or
  /// rotating it as needed), then fdatasyncs. On success the buffer is empty. On error
  /// (kOpenFailed, kWriteFailed, kSyncFailed, kClosed; Error::where names the path, the failed
  /// step and the strerror text, e.g. "var/out/m.jsonl: write: File too large") the file holds no
  /// part of this batch, the file is closed (reopened next time) and every record is still pending.
  /// With nothing pending it writes nothing and creates no file, but if the current file exists it
  /// is opened, which repairs a half line left by a crash: call sync() once at start-up.
  Result<SyncReport> sync();

  /// Closes the file and drops pending records without writing them; later calls return kClosed.
  void close() noexcept;

  /// Drops pending records without writing them; the sink stays usable. For an owner that keeps
  /// the records elsewhere after a failed sync() (the delivery pipeline spools the whole batch).
  void discard_pending() noexcept {
    pending_.clear();
    pending_lines_ = 0;
  }

  std::size_t pending_bytes() const noexcept { return pending_.size(); }

  std::size_t pending_lines() const noexcept { return pending_lines_; }

  /// The file currently open; empty before the first sync and after a failed one.
  const std::string& current_path() const noexcept { return path_; }

  const JsonlSinkStats& stats() const noexcept { return stats_; }

 private:
  Result<void> open_file(const std::string& path);
  Result<void> cut_partial_line(const std::string& path);
  Result<void> flush_to_disk(const std::string& path);
  Error fail(Error error);

  JsonlSinkOptions options_;
  detail::UniqueFd fd_;
  std::string path_;     // file behind fd_; empty when none is open
  std::string pending_;  // whole lines, each ending in '\n'
  std::size_t pending_lines_ = 0;
  std::vector<std::string> dirs_to_sync_;  // directories whose entries changed since last sync
  std::uint64_t unreported_recovered_ = 0;
  JsonlSinkStats stats_;
  bool closed_ = false;
};

}  // namespace koubei::storage
