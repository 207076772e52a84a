#pragma once
// Small POSIX file helpers shared by every on-disk writer (JSONL sink, spool, the embedded
// store's record log and checkpoints): an owned descriptor, whole writes and reads across EINTR
// and short transfers, the fsyncs that make data and names durable, and the atomic replacement
// of a small file. Each returns 0 (or nothing) on success, else an errno value (with the failed
// step); callers turn that into a storage::Errc with their context.
// Thread safety: stateless.

#include <optional>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace koubei::storage::detail {

/// Owns a POSIX file descriptor; closes it on destruction. -1 means none.
class UniqueFd {
 public:
  UniqueFd() = default;

  explicit UniqueFd(int fd) noexcept : fd_(fd) {}

  ~UniqueFd() { reset(); }

  UniqueFd(UniqueFd&& other) noexcept;
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const noexcept { return fd_; }

  explicit operator bool() const noexcept { return fd_ >= 0; }

  void reset() noexcept;

 private:
  int fd_ = -1;
};

/// write(2) until everything is written.
int write_all(int fd, std::string_view data);

/// pread(2) exactly size bytes at offset; EIO when the file ends first.
int pread_all(int fd, char* out, std::size_t size, off_t offset);

/// fdatasync(2) across EINTR.
int fdatasync_file(int fd);

/// fsync of a directory, so that names created or removed in it are durable.
int fsync_dir(const std::string& dir);

/// Which step of a multi-step file operation failed, on which file.
struct FileFailure {
  std::string path;
  std::string_view step;  ///< "create", "write", "fdatasync", "rename", "fsync directory"
  int err = 0;
};

/// Replaces `path` by `bytes` atomically: written to <path>.tmp, fdatasync'd, renamed over path,
/// the directory fsync'd (the syncs only when `fsync`). A crash leaves the old or the new file,
/// never a mix; on failure the tmp file is removed.
std::optional<FileFailure> replace_file(const std::string& path,
                                        std::string_view bytes,
                                        bool fsync);

}  // namespace koubei::storage::detail
