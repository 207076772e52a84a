#include "storage/posix_file.hpp"

#include <cerrno>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace koubei::storage::detail {

UniqueFd::UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void UniqueFd::reset() noexcept {
  // close(2) errors are not actionable here: durability was settled by fdatasync before.
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;  // no progress and no error: do not spin
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

int pread_all(int fd, char* out, std::size_t size, off_t offset) {
  for (std::size_t got = 0; got < size;) {
    const ssize_t n = ::pread(fd, out + got, size - got, offset + static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    got += static_cast<std::size_t>(n);
  }
  return 0;
}

int fdatasync_file(int fd) {
  while (::fdatasync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

int fsync_dir(const std::string& dir) {
  const UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return errno;
  while (::fsync(fd.get()) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

std::optional<FileFailure> replace_file(const std::string& path,
                                        std::string_view bytes,
                                        bool fsync) {
  const std::string tmp = path + ".tmp";
  const auto fail = [&tmp](std::string failed_path, std::string_view step, int err) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return FileFailure{std::move(failed_path), step, err};
  };
  {
    const UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) return FileFailure{tmp, "create", errno};
    if (const int err = write_all(fd.get(), bytes); err != 0) return fail(tmp, "write", err);
    if (fsync) {
      if (const int err = fdatasync_file(fd.get()); err != 0) return fail(tmp, "fdatasync", err);
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(tmp, "rename", errno);
  if (fsync) {
    const auto parent = std::filesystem::path(path).parent_path();
    const std::string dir = parent.empty() ? "." : parent.string();
    if (const int err = fsync_dir(dir); err != 0) return FileFailure{dir, "fsync directory", err};
  }
  return std::nullopt;
}

}  // namespace koubei::storage::detail
