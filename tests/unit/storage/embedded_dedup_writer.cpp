// Test helper for embedded_crash_test.cpp: confirms batches of ids in the embedded store under
// argv[1] for ever, printing "confirmed <batch>" after each confirm returned success, until it is
// killed. Compaction is made frequent (re-confirmed batches, small threshold) so that a SIGKILL
// can land inside a log rewrite as well as inside an append.

#include "storage/embedded/embedded_dedup_store.hpp"

#include <chrono>
#include <cstdio>
#include <string>

#include <unistd.h>

int main(int argc, char** argv) {
  using namespace koubei::storage;
  if (argc != 2) {
    std::fprintf(stderr, "usage: embedded_dedup_writer STATE_DIR\n");
    return 2;
  }
  auto lock = embedded::StateDirLock::acquire(argv[1]);
  if (!lock) {
    std::fprintf(stderr, "%s\n", lock.error().message().c_str());
    return 3;
  }
  embedded::EmbeddedDedupOptions options;
  options.compact_min_bytes = 8 << 10;
  auto store = embedded::EmbeddedDedupStore::open(*lock, options);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message().c_str());
    return 4;
  }
  for (long batch = 0;; ++batch) {
    std::vector<std::string> ids;
    for (int i = 0; i < 100; ++i) {
      ids.push_back("kill:" + std::to_string(batch) + ":" + std::to_string(i));
    }
    auto claimed = (*store)->claim(ids, std::chrono::minutes(5));
    if (!claimed) return 5;
    if (!(*store)->confirm(ids, std::chrono::hours(24 * 30))) return 6;
    if (batch % 3 == 0 && batch > 0) {  // garbage for the compactor: confirm an old batch again
      std::vector<std::string> old;
      for (int i = 0; i < 100; ++i)
        old.push_back("kill:" + std::to_string(batch / 2) + ":" + std::to_string(i));
      if (!(*store)->confirm(old, std::chrono::hours(24 * 30))) return 7;
    }
    const std::string line = "confirmed " + std::to_string(batch) + "\n";
    if (::write(1, line.data(), line.size()) < 0) return 8;
  }
}
