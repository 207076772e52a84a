#include "storage/jsonl_delivery_sink.hpp"

#include "storage/errors.hpp"

#include <utility>

namespace koubei::storage {

JsonlDeliverySink::JsonlDeliverySink(std::string name, JsonlSinkOptions options)
    : name_(std::move(name)), file_(std::move(options)) {}

Result<void> JsonlDeliverySink::write(std::span<const OutRecord> batch) {
  for (const OutRecord& record : batch) {
    auto appended = file_.append(record.json);
    if (!appended && appended.error().code == Errc::kPendingFull) {
      if (auto synced = file_.sync(); !synced) return fail(synced.error());
      appended = file_.append(record.json);
    }
    if (!appended) return fail(appended.error());
  }
  if (auto synced = file_.sync(); !synced) return fail(synced.error());
  ++stats_.batches;
  stats_.records += batch.size();
  return {};
}

Error JsonlDeliverySink::fail(Error error) {
  ++stats_.failures;
  file_.discard_pending();  // the pipeline keeps the batch (spool), not the file buffer
  error.where = "jsonl sink " + name_ + ": " + error.where;
  return error;
}

}  // namespace koubei::storage
