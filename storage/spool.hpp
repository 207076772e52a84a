#pragma once
// Spool: a bounded, crash-safe on-disk FIFO of records for one sink that is down
// (guarantees.md §8). The delivery pipeline pushes the batches the sink could not take and replays
// them, oldest first, once the sink is back; records leave the spool only when acknowledged.
//
// Layout: <dir>/<20-digit seq>.spool segment files (framing in spool_format.hpp) and <dir>/head
// ("<seq> <offset>": the first unacknowledged record). storage/README.md "## Spool" has details.
//
// Contract
// - push(records) is all or nothing: on success every record is written and fdatasync'd (with
//   fsync on) after everything pushed before; on failure nothing of it is readable. When the
//   records do not fit under max_bytes it fails with Errc::kSpoolFull and writes nothing:
//   backpressure, never a drop. The caller decides whether to wait and retry or stop fetching.
// - peek(n) returns up to n records from the head, in push order, without removing them.
//   ack(k) removes the first k of the last peek; the head position is made durable (written,
//   synced, renamed) before emptied segments are deleted. A crash before ack() replays those
//   records again (same ids), a crash after it never does.
// - open() repairs a torn tail left by a crash (a half-written record is cut off and counted) and
//   skips corrupt records elsewhere (CRC mismatch: counted in stats and logged, since they can no
//   longer be read; this is disk damage, not an overflow).
// - max_bytes bounds the segment files on disk, acknowledged-but-not-yet-deleted bytes of the
//   head segment included; one segment is rolled over after segment_bytes.
// - Thread safety: none. One Spool per directory and process (the pipeline's storage thread).

#include "config/error.hpp"
#include "storage/posix_file.hpp"
#include "storage/sink.hpp"

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

namespace koubei::storage {

struct SpoolOptions {
  /// The spool directory, created when missing: state_dir/spool/<sink name>.
  std::string dir;
  /// Bound of the segment files in bytes (SinkConfig::spool_max).
  std::uint64_t max_bytes = 1ULL << 30;
  /// A segment is closed and a new one started when a push would take it beyond this.
  std::uint64_t segment_bytes = 64ULL << 20;
  /// fdatasync segments and fsync the directory; false only for tests and throw-away runs.
  bool fsync = true;
};

struct SpoolStats {
  std::uint64_t pushes = 0;
  std::uint64_t pushed_records = 0;
  std::uint64_t acked_records = 0;
  std::uint64_t full_refusals = 0;  ///< pushes refused with kSpoolFull
  std::uint64_t io_failures = 0;
  std::uint64_t torn_bytes = 0;       ///< half-written tail bytes cut at open (crash recovery)
  std::uint64_t corrupt_records = 0;  ///< unreadable records skipped (CRC or framing)
  std::uint64_t corrupt_bytes = 0;
};

class Spool {
 public:
  /// Opens (creating it when missing) and recovers the spool in options.dir.
  static Result<Spool> open(SpoolOptions options);

  Spool(Spool&&) noexcept = default;
  Spool& operator=(Spool&&) noexcept = default;
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  ~Spool() = default;

  Result<void> push(std::span<const OutRecord> records);
  Result<std::vector<OutRecord>> peek(std::size_t max_records);
  /// REQUIRES: count <= the size of the last peek(), with no ack() since.
  Result<void> ack(std::size_t count);

  bool empty() const noexcept { return records_ == 0; }

  std::uint64_t records() const noexcept { return records_; }

  std::uint64_t bytes() const noexcept { return bytes_; }

  /// True when a push of `bytes` encoded bytes (spool_format::encoded_size) would fit now.
  bool has_room_for(std::uint64_t bytes) const noexcept;

  const SpoolStats& stats() const noexcept { return stats_; }

  const std::string& dir() const noexcept { return options_.dir; }

 private:
  struct Segment {
    std::uint64_t seq = 0;
    std::uint64_t size = 0;     ///< file size
    std::uint64_t end = 0;      ///< end of the last readable record
    std::uint64_t records = 0;  ///< unacknowledged readable records
  };

  struct Position {
    std::uint64_t seq = 0;
    std::uint64_t offset = 0;
  };

  explicit Spool(SpoolOptions options) : options_(std::move(options)) {}

  bool needs_new_segment(std::uint64_t bytes) const noexcept;
  Result<void> recover();
  Result<void> scan(Segment& segment, std::uint64_t from, bool is_tail);
  Result<void> append(const std::string& bytes, std::size_t count);
  Result<void> save_head();
  Result<void> drop_consumed_segments();
  Result<int> reader_for(std::uint64_t seq);
  std::string segment_path(std::uint64_t seq) const;
  Error io_error(const std::string& path, std::string_view step, int err);

  SpoolOptions options_;
  std::deque<Segment> segments_;
  Position head_;
  std::uint64_t records_ = 0;
  std::uint64_t bytes_ = 0;
  detail::UniqueFd tail_fd_;    // O_APPEND on segments_.back(); opened lazily
  detail::UniqueFd reader_fd_;  // O_RDONLY on segment reader_seq_
  std::uint64_t reader_seq_ = 0;
  std::vector<Position> peeked_;  // position after each record of the last peek
  SpoolStats stats_;
};

}  // namespace koubei::storage
