// The sandbox's CPU cost per page without the network: Router::handle on one thread for each
// benchmarked endpoint of the steady scenario (frozen clock). The wrk figures (sandbox_bench.sh)
// add the HTTP and kernel cost; this one says how far the renderer itself is from being a
// bottleneck. Printed figures, never assertions.
//
//   build/release/bench/koubei_sandbox_bench [--millis N] [--only PREFIX]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sandbox/clock.hpp"
#include "sandbox/enforcer.hpp"
#include "sandbox/http_types.hpp"
#include "sandbox/router.hpp"
#include "sandbox/signer.hpp"
#include "sandbox/world.hpp"

namespace {

using namespace koubei::sandbox;

struct Case {
  const char* name;
  Request req;
};

Request get(std::string path, std::string query, std::string cookie = "") {
  Request r;
  r.path = std::move(path);
  r.query = std::move(query);
  r.peer_ip = "127.0.0.1";
  if (!cookie.empty()) r.headers.emplace_back("cookie", std::move(cookie));
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  long millis = 1000;
  std::string only;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--millis") == 0) millis = std::atol(argv[i + 1]);
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
  }
  const Millis epoch = 1795312800000;  // 2026-11-22T10:00:00+08:00
  const World world(load_scenario(KOUBEI_STEADY_SCENARIO), 1, epoch);
  const WorldClock clock(epoch, 0);
  Enforcer enforcer(world.scenario());
  Router router(world, clock, enforcer);
  const std::string kw = url_encode("华为 信号");
  const std::string container = url_encode("100103type=1&q=华为 信号");
  const std::string dy = "keyword=" + kw + "&offset=0&count=15";
  std::vector<Case> cases = {
      {"weibo.search_api page 1", get("/api/container/getIndex", "containerid=" + container + "&page=1")},
      {"weibo.search_api page 30", get("/api/container/getIndex", "containerid=" + container + "&page=30")},
      {"weibo.search_html page 1", get("/weibo", "q=" + kw + "&page=1", "SUB=bench")},
      {"douyin.search_api", get("/aweme/v1/web/general/search/single/",
                                dy + "&a_bogus=" + douyin_signature(world.signing_key(), dy), "sessionid=bench")},
      {"dianping.reviews_html p2", get("/shop/k9AX5KRm7Fg5QOfG/review_all/p2", "", "dper=bench")},
      {"truth (14 days of a query)", get("/__sandbox/truth", "platform=weibo&query=" + kw)},
  };
  std::printf("%-30s %12s %12s %10s\n", "endpoint (one thread)", "pages/s", "us/page", "bytes");
  for (const Case& c : cases) {
    if (!std::string_view(c.name).starts_with(only)) continue;
    const auto start = std::chrono::steady_clock::now();
    const auto until = start + std::chrono::milliseconds(millis);
    std::size_t n = 0, bytes = 0;
    int status = 0;
    while (std::chrono::steady_clock::now() < until) {
      for (int k = 0; k < 16; ++k, ++n) {
        const Response r = router.handle(c.req);
        bytes = r.body.size();
        status = r.status;
      }
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-30s %12.0f %12.1f %10zu%s\n", c.name, static_cast<double>(n) / secs,
                secs * 1e6 / static_cast<double>(n), bytes, status == 200 ? "" : "  (not 200!)");
  }
  return 0;
}
