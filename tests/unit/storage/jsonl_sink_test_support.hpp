#pragma once
// Helpers shared by the JSONL sink tests (jsonl_sink_test.cpp, jsonl_sink_failure_test.cpp).

#include "storage/jsonl_sink.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage::testing {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using koubei::test::read_file;
using koubei::test::TempDir;
using koubei::test::write_file;
using std::chrono::system_clock;

inline JsonlSinkOptions options_for(const fs::path& pattern) {
  JsonlSinkOptions options;
  options.path_pattern = pattern.string();
  return options;
}

inline system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

/// The injected clock: reads a time point the test moves by hand.
struct ManualClock {
  const system_clock::time_point* now;

  system_clock::time_point operator()() const { return *now; }
};

/// A numbered record padded to a fixed width, as the crash tests write them.
inline std::string record(std::uint64_t n, std::size_t pad = 20) {
  return R"({"n":)" + std::to_string(n) + R"(,"pad":")" + std::string(pad, 'x') + R"("})";
}

/// The whole file, read in one go (the crash test's files are tens of MiB; read_file is slow in
/// sanitized builds).
inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(fs::exists(path) ? fs::file_size(path) : 0, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

/// Number of '\n' in text (memchr-based).
inline std::uint64_t count_newlines(std::string_view text) {
  std::uint64_t count = 0;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos;
       at = text.find('\n', at + 1)) {
    ++count;
  }
  return count;
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));  // an unterminated last line, kept to be caught
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

inline void flush_output() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
}

}  // namespace koubei::storage::testing
