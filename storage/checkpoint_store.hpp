#pragma once
// CheckpointStore: per-job crawl position (cursor and watermark), kept where the dedup state is
// (Redis or the embedded store), so that a restarted daemon resumes where delivery stopped.
//
// Contract
// - save() is durable when it returns success (Redis acknowledged; embedded: written, fsync'd and
//   renamed into place, so a crash leaves either the old or the new checkpoint, never a torn one).
// - The caller saves only after the delivery pipeline confirmed every mention up to the position
//   (guarantees.md §2); the store itself does not check that.
// - load() of an unknown job is an empty optional, not an error.
// - Thread safety: none; one handle per storage thread.

#include "config/error.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace koubei::storage {

/// Where a job stands. Opaque to storage except for being versioned by `updated_at`.
struct Checkpoint {
  std::string cursor;                ///< the platform's next-page cursor, "" when at the start
  std::int64_t watermark_ms = 0;     ///< newest created_at seen and delivered (Unix ms), 0 = none
  std::string watermark_ids;         ///< ids at the watermark time (ties), comma-separated
  std::int64_t updated_at_ms = 0;    ///< when it was saved (Unix ms)
};

class CheckpointStore {
 public:
  virtual ~CheckpointStore() = default;
  virtual Result<std::optional<Checkpoint>> load(const std::string& job_id) = 0;
  virtual Result<void> save(const std::string& job_id, const Checkpoint& checkpoint) = 0;
};

}  // namespace koubei::storage
