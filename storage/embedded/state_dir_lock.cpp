#include "storage/embedded/state_dir_lock.hpp"

#include "storage/errors.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace koubei::storage::embedded {

Result<std::shared_ptr<StateDirLock>> StateDirLock::acquire(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = (std::filesystem::path(dir) / "LOCK").string();
  if (ec) return Error{make_error_code(Errc::kOpenFailed), dir + ": " + ec.message()};
  const int raw = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (raw < 0) {
    return Error{make_error_code(Errc::kOpenFailed), path + ": open: " + std::strerror(errno)};
  }
  storage::detail::UniqueFd fd(raw);
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      return Error{make_error_code(Errc::kOpenFailed), path + ": flock: " + std::strerror(errno)};
    }
    char pid[32] = {};
    const ssize_t n = ::pread(fd.get(), pid, sizeof(pid) - 1, 0);
    std::string holder = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : "unknown";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' '))
      holder.pop_back();
    return Error{make_error_code(Errc::kLocked),
                 path + ": held by another koubei process (pid " + holder + ")"};
  }
  const std::string me = std::to_string(::getpid()) + "\n";
  // The pid is only for the next process's error message; failing to write it is harmless.
  if (::ftruncate(fd.get(), 0) == 0) (void)!::pwrite(fd.get(), me.data(), me.size(), 0);
  return std::shared_ptr<StateDirLock>(new StateDirLock(dir, std::move(fd)));
}

}  // namespace koubei::storage::embedded
