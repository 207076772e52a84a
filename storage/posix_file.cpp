#include "storage/posix_file.hpp"

#include "storage/jsonl_sink.hpp"

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

namespace koubei::storage::detail {

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

}  // namespace koubei::storage::detail
