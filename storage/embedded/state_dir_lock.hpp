#pragma once
// StateDirLock: one koubei process owns a state_dir. The embedded store keeps its claims in
// memory, so two processes on one directory would each hand out the same ids; the lock makes that
// a start-up error instead.
//
// Contract
// - acquire(dir) creates dir if needed, opens <dir>/LOCK and takes flock(LOCK_EX | LOCK_NB) on it,
//   then writes this process's pid into it (for the error message of the next one). Held until
//   the object is destroyed or the process dies (the kernel drops flocks with the last fd, also
//   on kill -9: no stale lock to clean up).
// - A second acquire, by another process or this one, is Errc::kLocked: "<dir>/LOCK: held by
//   another koubei process (pid N)".
// - Thread safety: plain owner of a file descriptor.

#include "config/error.hpp"
#include "storage/posix_file.hpp"

#include <memory>
#include <string>

namespace koubei::storage::embedded {

class StateDirLock {
 public:
  static Result<std::shared_ptr<StateDirLock>> acquire(const std::string& dir);

  const std::string& dir() const { return dir_; }

 private:
  StateDirLock(std::string dir, storage::detail::UniqueFd fd)
      : dir_(std::move(dir)), fd_(std::move(fd)) {}

  std::string dir_;
  storage::detail::UniqueFd fd_;
};

}  // namespace koubei::storage::embedded
