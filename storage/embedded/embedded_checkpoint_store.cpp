#include "storage/embedded/embedded_checkpoint_store.hpp"

#include "storage/embedded/byte_codec.hpp"
#include "storage/embedded/checksum.hpp"
#include "storage/embedded/record_log.hpp"
#include "storage/errors.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace koubei::storage::embedded {
namespace {

bool plain(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

Error corrupt(const std::string& path, std::string_view why) {
  return {make_error_code(Errc::kCorrupt), path + ": " + std::string(why)};
}

}  // namespace

EmbeddedCheckpointStore::EmbeddedCheckpointStore(std::shared_ptr<StateDirLock> lock, bool fsync)
    : lock_(std::move(lock)), fsync_(fsync) {}

std::string EmbeddedCheckpointStore::path_of(const std::string& job_id) const {
  std::string name;
  for (unsigned char c : job_id) {
    if (plain(c)) {
      name.push_back(static_cast<char>(c));
    } else {
      name += fmt::format("%{:02X}", c);
    }
  }
  return (std::filesystem::path(lock_->dir()) / "checkpoints" / (name + ".ckpt")).string();
}

Result<std::optional<Checkpoint>> EmbeddedCheckpointStore::load(const std::string& job_id) {
  const std::string path = path_of(job_id);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return std::optional<Checkpoint>{};
    return Error{make_error_code(Errc::kReadFailed), path + ": open: " + std::strerror(errno)};
  }
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return Error{make_error_code(Errc::kReadFailed), path + ": read failed"};
  ByteReader frame(bytes);
  const auto crc = frame.get<std::uint32_t>();
  const auto len = frame.get<std::uint32_t>();
  if (!frame.ok() || bytes.size() != 8 + std::size_t{len} ||
      crc32c(std::string_view(bytes).substr(4)) != crc) {
    return corrupt(path, "checksum mismatch");
  }
  ByteReader r(std::string_view(bytes).substr(8));
  Checkpoint cp;
  cp.cursor = r.get_string();
  cp.watermark_ms = r.get<std::int64_t>();
  cp.watermark_ids = r.get_string();
  cp.updated_at_ms = r.get<std::int64_t>();
  if (!r.ok() || !r.done()) return corrupt(path, "malformed fields");
  return std::optional<Checkpoint>(std::move(cp));
}

Result<void> EmbeddedCheckpointStore::save(const std::string& job_id, const Checkpoint& cp) {
  std::string payload;
  ByteWriter w(payload);
  w.put_string(cp.cursor);
  w.put(cp.watermark_ms);
  w.put_string(cp.watermark_ids);
  w.put(cp.updated_at_ms);
  std::string file;
  append_frame(file, payload);
  return write_file_atomically(path_of(job_id), file, fsync_);
}

}  // namespace koubei::storage::embedded
