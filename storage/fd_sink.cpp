#include "storage/fd_sink.hpp"

#include "storage/errors.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace koubei::storage {

Result<void> FdSink::write(std::span<const OutRecord> batch) {
  ++stats_.batches;
  buffer_.clear();
  for (const OutRecord& r : batch) {
    buffer_ += r.json;
    buffer_ += '\n';
  }
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ++stats_.failures;
      return Error{Errc::kWriteFailed, fmt::format("sink {}: write: {}", name_, std::strerror(errno))};
    }
    done += static_cast<std::size_t>(n);
  }
  stats_.records += batch.size();
  return {};
}

}  // namespace koubei::storage
