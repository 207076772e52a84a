#pragma once
// Runs a shell command (popen) and collects its stdout; for tests that check koubei's output with
// an independent tool (a Python parser from a Debian package, a validator).

#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace koubei::test {

/// The command's exit code (-1 if it could not run or was killed); stdout appended to `output`.
inline int run_command(const std::string& command, std::string& output) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0)
    output.append(buf.data(), n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace koubei::test
