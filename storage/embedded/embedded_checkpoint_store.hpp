#pragma once
// EmbeddedCheckpointStore: storage::CheckpointStore as one small file per job,
// <state_dir>/checkpoints/<job id, percent-escaped>.ckpt, holding one RecordLog frame (CRC-32C)
// of the checkpoint's fields.
//
// Contract (beyond storage/checkpoint_store.hpp)
// - save() writes a temp file, fdatasyncs it, renames it over the old one and fsyncs the
//   directory: after a crash the job has the old or the new checkpoint, never a torn one.
// - load() of a file that fails its CRC is Errc::kCorrupt (a rename is atomic, so this is damage,
//   not a crash): the caller decides to start over, nothing is guessed.
// - Thread safety: none. REQUIRES: the process holds the StateDirLock of the directory.

#include "storage/checkpoint_store.hpp"
#include "storage/embedded/state_dir_lock.hpp"

#include <memory>
#include <string>

namespace koubei::storage::embedded {

class EmbeddedCheckpointStore final : public CheckpointStore {
 public:
  /// `fsync` false only for tests and benchmarks.
  explicit EmbeddedCheckpointStore(std::shared_ptr<StateDirLock> lock, bool fsync = true);

  Result<std::optional<Checkpoint>> load(const std::string& job_id) override;
  Result<void> save(const std::string& job_id, const Checkpoint& checkpoint) override;

  /// The file of a job: job ids may contain '/', ':' and anything else, so every byte outside
  /// [A-Za-z0-9_-] (and a leading '.') is written as %XX.
  std::string path_of(const std::string& job_id) const;

 private:
  std::shared_ptr<StateDirLock> lock_;
  bool fsync_;
};

}  // namespace koubei::storage::embedded
