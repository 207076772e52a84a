#include "storage/embedded/record_log.hpp"

#include "storage/embedded/byte_codec.hpp"
#include "storage/embedded/checksum.hpp"
#include "storage/errors.hpp"
#include "storage/posix_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace koubei::storage::embedded {
namespace {

constexpr std::string_view kMagic = "KOUBEILG";
constexpr std::size_t kHeaderSize = 16;
constexpr std::size_t kFrameHeader = 8;
constexpr std::size_t kChunk = 1 << 20;

std::string header(std::uint32_t kind) {
  std::string out(kMagic);
  ByteWriter w(out);
  w.put(kind);
  w.put(crc32c(out));
  return out;
}

Error os_error(Errc code, const std::string& path, std::string_view step, int err) {
  return {make_error_code(code), path + ": " + std::string(step) + ": " + std::strerror(err)};
}

std::string parent_of(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// Reads the file in chunks and hands every intact frame to `visit`; returns the offset just
// after the last intact frame.
Result<std::uint64_t> replay(int fd,
                             const std::string& path,
                             std::uint64_t file_size,
                             const RecordLog::Visitor& visit,
                             ReplayReport& report) {
  std::string buf;
  std::uint64_t consumed = kHeaderSize;  // file offset of buf[0]
  std::uint64_t read_at = kHeaderSize;
  std::size_t pos = 0;
  for (;;) {
    // Parse every complete frame in the buffer.
    while (buf.size() - pos >= kFrameHeader) {
      ByteReader r(std::string_view(buf).substr(pos, kFrameHeader));
      const auto crc = r.get<std::uint32_t>();
      const auto len = r.get<std::uint32_t>();
      if (len > file_size - (consumed + pos + kFrameHeader)) return consumed + pos;  // torn
      if (buf.size() - pos - kFrameHeader < len) break;                              // read more
      const std::string_view body = std::string_view(buf).substr(pos + 4, 4 + std::size_t{len});
      if (crc32c(body) != crc) return consumed + pos;
      visit(body.substr(4));
      ++report.records;
      pos += kFrameHeader + len;
    }
    buf.erase(0, pos);
    consumed += pos;
    pos = 0;
    if (read_at >= file_size) return consumed;  // a short frame header at the end: torn
    const std::size_t want = std::max(kChunk, buf.size());
    const std::size_t old = buf.size();
    buf.resize(old + want);
    const ssize_t n = ::pread(fd, buf.data() + old, want, static_cast<off_t>(read_at));
    if (n < 0) return os_error(Errc::kReadFailed, path, "read", errno);
    buf.resize(old + static_cast<std::size_t>(n));
    if (n == 0) return consumed;
    read_at += static_cast<std::uint64_t>(n);
  }
}

}  // namespace

void append_frame(std::string& out, std::string_view payload) {
  std::string body;
  body.reserve(4 + payload.size());
  ByteWriter(body).put(static_cast<std::uint32_t>(payload.size()));
  body.append(payload);
  ByteWriter w(out);
  w.put(crc32c(body));
  out.append(body);
}

Error RecordLog::io_error(std::error_code code, std::string_view step, int err) const {
  return {code, path_ + ": " + std::string(step) + ": " + std::strerror(err)};
}

Result<void> RecordLog::write_all(int fd, std::string_view bytes, const std::string& path) const {
  if (const int err = storage::detail::write_all(fd, bytes); err != 0) {
    return os_error(Errc::kWriteFailed, path, "write", err);
  }
  return {};
}

Result<RecordLog> RecordLog::open(
    std::string path, std::uint32_t kind, const Visitor& visit, ReplayReport& report, bool fsync) {
  RecordLog log;
  log.path_ = std::move(path);
  log.kind_ = kind;
  log.fsync_ = fsync;
  std::error_code ec;
  std::filesystem::create_directories(parent_of(log.path_), ec);
  std::filesystem::remove(log.path_ + ".tmp", ec);  // a compaction that died before its rename
  const int fd = ::open(log.path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return os_error(Errc::kOpenFailed, log.path_, "open", errno);
  log.fd_ = storage::detail::UniqueFd(fd);
  const off_t end = ::lseek(fd, 0, SEEK_END);
  if (end < 0) return os_error(Errc::kReadFailed, log.path_, "lseek", errno);
  const auto file_size = static_cast<std::uint64_t>(end);
  std::uint64_t good = 0;
  if (file_size >= kHeaderSize) {
    std::string head(kHeaderSize, '\0');
    if (::pread(fd, head.data(), kHeaderSize, 0) != static_cast<ssize_t>(kHeaderSize)) {
      return os_error(Errc::kReadFailed, log.path_, "read header", errno);
    }
    if (head != header(kind)) {
      return Error{make_error_code(Errc::kCorrupt),
                   log.path_ + ": not a koubei state file of this kind (bad header)"};
    }
    auto replayed = replay(fd, log.path_, file_size, visit, report);
    if (!replayed) return replayed.error();
    good = *replayed;
  }
  if (good < kHeaderSize) {  // new, or shorter than its header: start it afresh
    const std::string head = header(kind);
    if (::ftruncate(fd, 0) != 0) return os_error(Errc::kWriteFailed, log.path_, "ftruncate", errno);
    if (::pwrite(fd, head.data(), head.size(), 0) != static_cast<ssize_t>(head.size())) {
      return os_error(Errc::kWriteFailed, log.path_, "write header", errno);
    }
    good = kHeaderSize;
    report.torn_bytes += file_size;
    if (fsync) {
      if (const int err = storage::detail::fdatasync_file(fd); err != 0)
        return os_error(Errc::kSyncFailed, log.path_, "fdatasync", err);
    }
    if (fsync) {
      if (auto ok = sync_directory(parent_of(log.path_)); !ok) return ok.error();
    }
  } else if (good < file_size) {
    report.torn_bytes += file_size - good;
    if (::ftruncate(fd, static_cast<off_t>(good)) != 0) {
      return os_error(Errc::kWriteFailed, log.path_, "ftruncate", errno);
    }
    if (fsync) {
      if (const int err = storage::detail::fdatasync_file(fd); err != 0)
        return os_error(Errc::kSyncFailed, log.path_, "fdatasync", err);
    }
  }
  if (::lseek(fd, static_cast<off_t>(good), SEEK_SET) < 0) {
    return os_error(Errc::kReadFailed, log.path_, "lseek", errno);
  }
  log.size_ = good;
  return log;
}

Result<void> RecordLog::sync() {
  if (!fd_) return Error{make_error_code(Errc::kClosed), path_};
  if (pending_.empty()) return {};
  auto written = write_all(fd_.get(), pending_, path_);
  if (written && fsync_) {
    if (const int err = storage::detail::fdatasync_file(fd_.get()); err != 0)
      written = io_error(make_error_code(Errc::kSyncFailed), "fdatasync", err);
  }
  if (!written) {
    // Cut back so that a retry appends whole frames after whole frames.
    if (::ftruncate(fd_.get(), static_cast<off_t>(size_)) != 0 ||
        ::lseek(fd_.get(), static_cast<off_t>(size_), SEEK_SET) < 0) {
      fd_.reset();  // cannot restore the end: refuse further use rather than write after garbage
    }
    return written.error();
  }
  size_ += pending_.size();
  pending_.clear();
  return {};
}

Result<void> RecordLog::rewrite(const Filler& fill) {
  if (!fd_) return Error{make_error_code(Errc::kClosed), path_};
  const std::string tmp = path_ + ".tmp";
  const int raw = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (raw < 0) return os_error(Errc::kOpenFailed, tmp, "open", errno);
  storage::detail::UniqueFd fd(raw);
  std::string buf = header(kind_);
  std::uint64_t size = 0;
  Result<void> status;
  fill([&](std::string_view payload) {
    append_frame(buf, payload);
    if (buf.size() >= kChunk && status) {
      status = write_all(fd.get(), buf, tmp);
      size += buf.size();
      buf.clear();
    }
  });
  if (status) status = write_all(fd.get(), buf, tmp);
  size += buf.size();
  if (status && fsync_) {
    if (const int err = storage::detail::fdatasync_file(fd.get()); err != 0)
      status = os_error(Errc::kSyncFailed, tmp, "fdatasync", err);
  }
  if (status && ::rename(tmp.c_str(), path_.c_str()) != 0) {
    status = os_error(Errc::kWriteFailed, tmp, "rename", errno);
  }
  if (!status) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return status;
  }
  if (fsync_) {
    if (auto ok = sync_directory(parent_of(path_)); !ok) return ok;
  }
  if (::lseek(fd.get(), 0, SEEK_END) < 0)
    return os_error(Errc::kWriteFailed, path_, "lseek", errno);
  // The new file is opened write-only; appends need no reads.
  fd_ = std::move(fd);
  size_ = size;
  return {};
}

Result<void> sync_directory(const std::string& dir) {
  if (const int err = storage::detail::fsync_dir(dir); err != 0)
    return os_error(Errc::kSyncFailed, dir, "fsync directory", err);
  return {};
}

Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool fsync) {
  std::error_code ec;
  const std::string dir = parent_of(path);
  if (std::filesystem::create_directories(dir, ec) && fsync) {
    // The new directory's own entry must be durable too.
    if (auto ok = sync_directory(parent_of(std::filesystem::path(dir).lexically_normal().string()));
        !ok) {
      return ok;
    }
  }
  const auto failed = storage::detail::replace_file(path, bytes, fsync);
  if (!failed) return {};
  const Errc code = failed->step == "create" ? Errc::kOpenFailed
                    : failed->step == "fdatasync" || failed->step == "fsync directory"
                        ? Errc::kSyncFailed
                        : Errc::kWriteFailed;
  return os_error(code, failed->path, failed->step, failed->err);
}

}  // namespace koubei::storage::embedded
