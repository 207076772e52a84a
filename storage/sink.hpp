#pragma once
// Sink: one destination of complete koubei.mention.v1 records (JSONL file, Redis Stream,
// PostgreSQL). The delivery pipeline writes every batch to every sink and confirms the batch's
// dedup claims only after all of them succeeded (guarantees.md §1-3, §6).
//
// Contract
// - write(batch) returns success only when every record of the batch is durable in the sink:
//   JSONL written and fsync'd, Redis XADD acknowledged, PostgreSQL COMMIT done. On error, no record
//   of the batch may be counted as delivered; the caller retries or spools the whole batch, so a
//   sink must tolerate seeing some of its records again (same `id`; the record is then either
//   written again or upserted, never corrupted).
// - Records are opaque to the sink apart from their `id` and the JSON text: storage knows no
//   platform. A sink that needs columns (PostgreSQL) reads them from the JSON.
// - Thread safety: none. The pipeline calls a sink from its storage thread only.
// - Errors are values: storage::Errc codes (or another component's category) with a `where`
//   naming the sink and, where useful, the file, stream or table. Secrets never appear in them.

#include "config/error.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace koubei::storage {

/// One record on its way out: the stable mention id and its one-line JSON form.
struct OutRecord {
  std::string id;    ///< `platform:kind:native_id`, the dedup and upsert key
  std::string json;  ///< one koubei.mention.v1 object, no trailing newline
};

struct SinkStats {
  std::uint64_t batches = 0;
  std::uint64_t records = 0;
  std::uint64_t failures = 0;  ///< write() calls that returned an error
};

class Sink {
 public:
  virtual ~Sink() = default;

  /// The configured [[sink]] name (or its type when unnamed), for logs, metrics and spool paths.
  virtual std::string_view name() const = 0;

  /// Make every record of the batch durable in the sink, or fail without counting any of it.
  virtual Result<void> write(std::span<const OutRecord> batch) = 0;

  virtual SinkStats stats() const = 0;
};

}  // namespace koubei::storage
