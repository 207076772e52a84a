#pragma once
// JsonlDeliverySink: the JSONL file (JsonlSink) as a storage::Sink for the delivery pipeline.
//
// Contract
// - write(batch) appends every record and sync()s: success means written and fdatasync'd
//   (JsonlSink's durability promise). A batch larger than the sink's pending buffer is synced in
//   parts; if a later part fails, the earlier parts stay in the file and the whole batch is
//   reported failed, so a retry writes them again (same ids, whole lines: Sink contract).
// - On failure nothing of the batch stays pending in the JsonlSink (the pipeline spools the batch
//   and replays it), and the error keeps JsonlSink's code (kOpenFailed, kWriteFailed, kSyncFailed,
//   kInvalidRecord, ...) with "jsonl sink <name>: " before its path.
// - Thread safety: none; one storage thread.

#include "storage/jsonl_sink.hpp"
#include "storage/sink.hpp"

#include <string>

namespace koubei::storage {

class JsonlDeliverySink final : public Sink {
 public:
  JsonlDeliverySink(std::string name, JsonlSinkOptions options);

  std::string_view name() const override { return name_; }

  Result<void> write(std::span<const OutRecord> batch) override;

  SinkStats stats() const override { return stats_; }

  const JsonlSink& file() const noexcept { return file_; }

 private:
  Error fail(Error error);

  std::string name_;
  JsonlSink file_;
  SinkStats stats_;
};

}  // namespace koubei::storage
