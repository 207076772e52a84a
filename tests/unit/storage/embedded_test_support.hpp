#pragma once
// Helpers shared by the embedded store tests.

#include "storage/embedded/state_dir_lock.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace koubei::storage::testing {

namespace fs = std::filesystem;
using koubei::test::TempDir;

/// Unix milliseconds that move only when told; starts at 2026-01-01.
struct FakeWallClock {
  std::int64_t ms = 1767225600000;

  void advance(std::chrono::milliseconds d) { ms += d.count(); }

  std::function<std::int64_t()> fn() {
    return [this] {
      return ms;
    };
  }
};

inline std::shared_ptr<embedded::StateDirLock> lock_dir(const fs::path& dir) {
  auto lock = embedded::StateDirLock::acquire(dir.string());
  REQUIRE(lock.has_value());
  return *lock;
}

inline std::vector<std::string> mention_ids(int from, int to) {
  std::vector<std::string> ids;
  for (int i = from; i < to; ++i)
    ids.push_back("xiaohongshu:note:" + std::to_string(i));
  return ids;
}

}  // namespace koubei::storage::testing
