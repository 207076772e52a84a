#include "crawler/alerts/dead_letter_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace koubei::alerts {

Result<void> DeadLetterFile::deliver(const analysis::alerts::Alert& alert) {
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  if (ec) return Error{ec, path_.string()};
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) return Error{std::error_code(errno, std::generic_category()), path_.string()};
  const std::string line = analysis::alerts::to_json(alert) + "\n";
  std::size_t done = 0;
  int err = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  ::close(fd);
  if (err != 0) return Error{std::error_code(err, std::generic_category()), path_.string()};
  return {};
}

FanOutResult deliver_all(const analysis::alerts::Alert& alert,
                         std::span<analysis::alerts::AlertSink* const> channels,
                         analysis::alerts::AlertSink& dead_letter) {
  FanOutResult r;
  std::size_t accepted = 0;
  r.channel_errors.reserve(channels.size());
  for (auto* sink : channels) {
    if (auto delivered = sink->deliver(alert)) {
      ++accepted;
      r.channel_errors.emplace_back();
    } else {
      ++r.failed;
      r.channel_errors.emplace_back(delivered.error());
    }
  }
  if (accepted == 0) {
    r.dead_lettered = true;
    if (auto written = dead_letter.deliver(alert); !written) r.error = written.error();
  }
  return r;
}

}  // namespace koubei::alerts
