// The memory allocator of the koubei binary: jemalloc (Debian's libjemalloc2), linked in place of
// glibc's malloc. Parsed items are allocated on the parse pool and freed on the scheduler strand;
// glibc's arenas pay for every such cross-thread free (bench/: malloc/free were a quarter of the
// throughput run's CPU, and jemalloc made the same run 37% faster).
//
// Settings: two arenas (koubei has a few busy threads, not many) and dirty pages returned after
// a second, so a long-running daemon's RSS follows its load. MALLOC_CONF in the environment
// overrides them (jemalloc reads it after this string).
#include "crawler/allocator.hpp"

#include <jemalloc/jemalloc.h>

extern "C" {
// jemalloc reads this symbol at start-up (jemalloc(3), "TUNING").
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
const char* malloc_conf = "narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0";
}

namespace koubei::cli {

std::string allocator_name() {
  const char* version = nullptr;
  std::size_t size = sizeof version;
  if (mallctl("version", &version, &size, nullptr, 0) != 0 || version == nullptr) return "unknown";
  return std::string("jemalloc ") + version;
}

}  // namespace koubei::cli
