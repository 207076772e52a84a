// Every limit stops a fetch with the right category: connect timeout (a loopback blackhole),
// a server that never answers, one that stalls mid-body, an oversize body (declared or not),
// a decompression bomb, a reset connection. Error messages name the URL with secrets stripped.
#include "crawler/http/http_engine.hpp"
#include "tests/support/loopback_http_server.hpp"
#include "tests/unit/crawler/http_test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using http::FetchErrc;
using koubei::test::fetch;
using koubei::test::get;
using koubei::test::LoopbackHttpServer;

TEST_CASE("a connect that never completes times out with `timeout` before any byte",
          "[http][limits]") {
  test::BlackholeListener blackhole;
  if (!blackhole.ok()) {
    WARN("the kernel kept accepting on a full backlog; no loopback blackhole on this machine");
    return;
  }
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get("http://127.0.0.1:" + std::to_string(blackhole.port()) + "/x");
  req.connect_timeout = std::chrono::milliseconds(300);
  const http::Response r = fetch(engine, std::move(req));
  CHECK(r.errc() == FetchErrc::kTimeout);
  CHECK(r.status == 0);
  CHECK(r.error.where.find("/x") != std::string::npos);
}

TEST_CASE("a server that never answers times out with `timeout` at the request timeout",
          "[http][limits]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get(server.url("/never?token=s3cr3tT0ken"));
  req.request_timeout = std::chrono::milliseconds(400);
  const http::Response r = fetch(engine, std::move(req));
  CHECK(r.errc() == FetchErrc::kTimeout);
  CHECK(r.status == 0);
  // The URL is named, its token is not.
  CHECK(r.error.message().find(server.url("/never?token=***")) != std::string::npos);
  CHECK(r.error.message().find("s3cr3tT0ken") == std::string::npos);
}

TEST_CASE("a body that stalls mid-transfer is abandoned with `timeout` at the stall timeout",
          "[http][limits]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get(server.url("/stall?size=100000&sent=1000"));
  req.stall_timeout = std::chrono::seconds(1);
  const http::Response r = fetch(engine, std::move(req));
  CHECK(r.errc() == FetchErrc::kTimeout);
  CHECK(r.status == 200);  // the headers did arrive
  CHECK(r.error.where.find("too slow") != std::string::npos);
}

TEST_CASE("an oversize body stops at max_body with `too_large`, declared or not",
          "[http][limits]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const char* route = GENERATE("/big", "/big-chunked");
  CAPTURE(route);
  http::Request req = get(server.url(std::string(route) + "?size=300000"));
  req.max_body = 100000;
  req.max_decompressed = 0;  // only the wire limit applies
  const http::Response r = fetch(engine, std::move(req));
  CHECK(r.errc() == FetchErrc::kTooLarge);
  CHECK(r.body.size() <= 100000);  // not encoded: what was written is what came over the wire
  // The same body under the limit arrives whole.
  http::Request small = get(server.url(std::string(route) + "?size=300000"));
  small.max_body = 300000;
  CHECK(fetch(engine, std::move(small)).body.size() == 300000);
}

TEST_CASE("an encoded body over max_body on the wire stops with `too_large` before decoding ends",
          "[http][limits]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get(server.url("/gzip-noise-chunked?size=2000000"));
  req.max_body = 100000;
  req.max_decompressed = 0;
  const http::Response r = fetch(engine, std::move(req));
  CHECK(r.errc() == FetchErrc::kTooLarge);
  CHECK(r.wire_bytes < 1000000);  // stopped long before the 2 MB on the wire
  INFO(r.error.message());
  CHECK(r.error.where.find("on the wire") != std::string::npos);
  http::Request whole = get(server.url("/gzip-noise?size=200000"));
  whole.max_body = 300000;
  CHECK(fetch(engine, std::move(whole)).body.view() == test::noise(200000));
}

TEST_CASE("a decompression bomb stops at max_decompressed with `too_large`", "[http][limits]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  // 64 MiB of zeros is ~64 KiB gzipped: far under max_body, far over max_decompressed (8 MiB).
  const http::Response r = fetch(engine, get(server.url("/bomb?size=67108864")));
  CHECK(r.errc() == FetchErrc::kTooLarge);
  CHECK(r.body.size() <= engine.config().max_decompressed);
  CHECK(r.wire_bytes < (1u << 20));
  CHECK(r.error.where.find("max_decompressed") != std::string::npos);
}

TEST_CASE("a connection reset by the server is `reset`", "[http][limits]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const http::Response r = fetch(engine, get(server.url("/reset")));
  CHECK(r.errc() == FetchErrc::kReset);
  CHECK(r.status == 0);
  // The engine is fine afterwards.
  CHECK(fetch(engine, get(server.url("/plain"))).body.view() == "hello");
}

TEST_CASE("a refused connection is `connect`, an unresolvable host `dns`, a bad URL `bad_request`",
          "[http][limits]") {
  http::HttpEngine engine(test::http_test_config());
  std::uint16_t closed_port = 0;
  {
    LoopbackHttpServer server;  // a port that was just free and now has no listener
    closed_port = server.port();
  }
  CHECK(fetch(engine, get("http://127.0.0.1:" + std::to_string(closed_port) + "/")).errc() ==
        FetchErrc::kConnect);
  // .invalid never resolves (RFC 6761); the resolver answers locally without the internet.
  http::Request dns = get("http://koubei-test.invalid/");
  dns.connect_timeout = std::chrono::seconds(5);
  const FetchErrc dns_errc = fetch(engine, std::move(dns)).errc();
  CHECK((dns_errc == FetchErrc::kDns || dns_errc == FetchErrc::kTimeout));
  CHECK(fetch(engine, get("ftp://127.0.0.1/")).errc() == FetchErrc::kBadRequest);
  CHECK(fetch(engine, get("not a url")).errc() == FetchErrc::kBadRequest);
}
