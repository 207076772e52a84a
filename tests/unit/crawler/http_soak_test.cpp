// 100,000 sequential fetches leave no file descriptor and no heap behind (integration: it takes
// tens of seconds under ASan). Live heap bytes are measured (ASan's own counter under ASan, whose
// quarantine would make RSS meaningless; mallinfo2 otherwise).
#include "crawler/http/http_engine.hpp"
#include "tests/support/loopback_http_server.hpp"
#include "tests/unit/crawler/http_test_helpers.hpp"

#include <catch2/catch.hpp>

#include <malloc.h>

#if defined(__SANITIZE_ADDRESS__)
// From <sanitizer/allocator_interface.h>, which gcc 12 does not install.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

using namespace koubei;
using koubei::test::get;
namespace asio = boost::asio;

namespace {

std::size_t live_heap_bytes() {
#if defined(__SANITIZE_ADDRESS__)
  return __sanitizer_get_current_allocated_bytes();
#else
  return mallinfo2().uordblks;
#endif
}

}  // namespace

TEST_CASE("100,000 sequential fetches leave no file descriptor or memory behind",
          "[http][.integration]") {
  constexpr int kRequests = 100000;
  constexpr int kWarmup = 5000;
  const std::size_t fds_before = test::open_fd_count();
  {
    test::LoopbackHttpServer server;
    http::HttpEngine engine(test::http_test_config());
    std::size_t fds_warm = 0;
    std::size_t heap_warm = 0;
    int good = 0;
    const std::string url = server.url("/plain?size=2000");
    test::run_coro([&]() -> asio::awaitable<int> {
      for (int i = 0; i < kRequests; ++i) {
        if (i == kWarmup) {
          fds_warm = test::open_fd_count();
          heap_warm = live_heap_bytes();
        }
        const http::Response r = co_await engine.fetch(get(url));
        if (r.ok() && r.body.size() == 2000) ++good;
      }
      co_return 0;
    }());
    CHECK(good == kRequests);
    CHECK(test::open_fd_count() == fds_warm);
    const std::size_t heap_end = live_heap_bytes();
    INFO("live heap after warm-up " << heap_warm << " bytes, at the end " << heap_end);
    // A leak of even 40 bytes per request would be 3.8 MB here.
    CHECK(heap_end < heap_warm + (2u << 20));
    CHECK(server.accepted_connections() == 1);
  }
  CHECK(test::open_fd_count() == fds_before);
}
