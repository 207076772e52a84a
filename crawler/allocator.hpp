#pragma once
// The allocator the koubei binary runs on (crawler/allocator.cpp), for --version and the logs.

#include <string>

namespace koubei::cli {

/// "jemalloc 5.3.0-0-g…", or "unknown" when jemalloc does not answer (it always should).
std::string allocator_name();

}  // namespace koubei::cli
