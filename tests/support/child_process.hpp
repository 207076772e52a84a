#pragma once
// ChildProcess: a program started by a test (crash tests), with its stdout readable line by line
// and kill -9 on demand. Reading waits with a deadline (generous: machines are loaded), never
// sleeps blindly. stderr is inherited so failures show in the test log.
// Thread safety: none. The destructor kills and reaps a child that is still running.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace koubei::test {

class ChildProcess {
 public:
  /// Starts argv[0] (a path) with the given arguments. Throws std::runtime_error if it cannot.
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// The next stdout line (without '\n'); nullopt at end of output or when the deadline passes.
  std::optional<std::string> read_line(std::chrono::milliseconds deadline);

  void kill_9();

  /// Waits for the exit: the exit code, or 128 + signal number when it was killed.
  int wait();
  /// The exit status if the child has exited, without waiting.
  std::optional<int> try_wait();
  /// Sends a signal (SIGTERM, SIGHUP, …) unless the child was already reaped.
  void signal(int signo);

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace koubei::test
