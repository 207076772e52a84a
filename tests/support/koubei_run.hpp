#pragma once
// Runs the koubei binary (KOUBEI_BINARY) as a user would from the shell and collects its exit
// code, stdout and stderr. `args` is shell text: quote paths and URLs.

#include "tests/support/temp_dir.hpp"

#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace koubei::test {

struct KoubeiRun {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

inline KoubeiRun run_koubei(const std::string& args) {
  TempDir dir;
  const auto err_file = dir / "stderr";
  KoubeiRun r;
  const std::string command =
      std::string(KOUBEI_BINARY) + " " + args + " 2>'" + err_file.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0)
    r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(err_file);
  return r;
}

}  // namespace koubei::test
