// curl_global_init once per test process, before any engine thread exists (libcurl-thread(3)),
// the way main() does it in the koubei binary. Linked into each HTTP test executable directly (a
// static library would drop this unreferenced registration).
#define CATCH_CONFIG_EXTERNAL_INTERFACES  // Catch2 v2: listeners need the reporter interfaces
#include <catch2/catch.hpp>
#include <curl/curl.h>

namespace {

struct CurlGlobalListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;

  void testRunStarting(const Catch::TestRunInfo&) override {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }

  void testRunEnded(const Catch::TestRunStats&) override { curl_global_cleanup(); }
};

}  // namespace

CATCH_REGISTER_LISTENER(CurlGlobalListener)
