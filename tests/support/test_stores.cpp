#include "tests/support/test_stores.hpp"

#include "storage/errors.hpp"
#include "storage/jsonl_sink.hpp"
#include "storage/posix_file.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include <fcntl.h>

namespace koubei::test {

using storage::ClaimState;
using storage::Errc;

TestDedupStore::TestDedupStore(std::string confirmed_log) : log_path_(std::move(confirmed_log)) {
  if (log_path_.empty()) return;
  std::ifstream in(log_path_);
  for (std::string id; std::getline(in, id);)
    confirmed_.insert(id);  // a torn last line is a
                            // prefix: never an id
}

bool TestDedupStore::inject_failure(Op op) {
  auto it = failures_.find(op);
  if (it == failures_.end() || it->second == 0) return false;
  --it->second;
  ++stats_.errors;
  return true;
}

bool TestDedupStore::claimed(const std::string& id) const {
  const auto it = claims_.find(id);
  return it != claims_.end() && it->second > now_;
}

void TestDedupStore::claim_elsewhere_for_test(const std::string& id, config::Duration ttl) {
  claims_[id] = now_ + ttl;
  mine_.erase(id);
}

Result<std::vector<ClaimState>> TestDedupStore::claim(std::span<const std::string> ids,
                                                      config::Duration claim_ttl) {
  if (inject_failure(Op::kClaim)) return Error{Errc::kSinkUnavailable, "test dedup: claim"};
  const bool reply_lost = inject_failure(Op::kClaimReplyLost);
  std::vector<ClaimState> out;
  for (const std::string& id : ids) {
    ++stats_.claims;
    if (confirmed_.count(id) != 0) {
      ++stats_.delivered;
      out.push_back(ClaimState::kDelivered);
    } else if (claimed(id)) {
      ++stats_.claimed;
      out.push_back(ClaimState::kClaimed);
    } else {
      ++stats_.new_ids;
      claims_[id] = now_ + claim_ttl;
      mine_.insert(id);
      out.push_back(ClaimState::kNew);
    }
  }
  if (reply_lost) return Error{Errc::kSinkUnavailable, "test dedup: claim reply lost"};
  return out;
}

Result<void> TestDedupStore::confirm(std::span<const std::string> ids, config::Duration) {
  if (inject_failure(Op::kConfirm)) return Error{Errc::kSinkUnavailable, "test dedup: confirm"};
  if (!log_path_.empty()) {
    std::string lines;
    for (const std::string& id : ids)
      lines += id + '\n';
    const storage::detail::UniqueFd fd(
        ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (!fd || storage::detail::write_all(fd.get(), lines) != 0 ||
        storage::detail::fdatasync_file(fd.get()) != 0) {
      return Error{Errc::kSinkUnavailable, "test dedup: write " + log_path_};
    }
  }
  for (const std::string& id : ids) {
    confirmed_.insert(id);
    claims_.erase(id);
    mine_.erase(id);
    ++stats_.confirms;
  }
  return {};
}

Result<void> TestDedupStore::release(std::span<const std::string> ids) {
  if (inject_failure(Op::kRelease)) return Error{Errc::kSinkUnavailable, "test dedup: release"};
  for (const std::string& id : ids) {
    if (mine_.erase(id) != 0) claims_.erase(id);
    ++stats_.releases;
  }
  return {};
}

Result<std::optional<storage::Checkpoint>> TestCheckpointStore::load(const std::string& job_id) {
  if (dir_.empty()) {
    const auto it = memory_.find(job_id);
    if (it == memory_.end()) return std::optional<storage::Checkpoint>{};
    return std::optional{it->second};
  }
  std::ifstream in(dir_ + "/" + job_id + ".checkpoint");
  storage::Checkpoint checkpoint;
  if (!(in >> checkpoint.cursor >> checkpoint.watermark_ms >> checkpoint.updated_at_ms)) {
    return std::optional<storage::Checkpoint>{};
  }
  return std::optional{checkpoint};
}

Result<void> TestCheckpointStore::save(const std::string& job_id,
                                       const storage::Checkpoint& checkpoint) {
  ++saves_;
  if (dir_.empty()) {
    memory_[job_id] = checkpoint;
    return {};
  }
  const std::string path = dir_ + "/" + job_id + ".checkpoint";
  const std::string tmp = path + ".tmp";
  {
    const storage::detail::UniqueFd fd(
        ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    const std::string text = fmt::format(
        "{} {} {}\n", checkpoint.cursor, checkpoint.watermark_ms, checkpoint.updated_at_ms);
    if (!fd || storage::detail::write_all(fd.get(), text) != 0 ||
        storage::detail::fdatasync_file(fd.get()) != 0) {
      return Error{Errc::kSinkUnavailable, "test checkpoint: write " + tmp};
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Error{Errc::kSinkUnavailable, "test checkpoint: rename " + path};
  }
  return {};
}

}  // namespace koubei::test
