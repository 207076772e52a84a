// HttpEngine against the loopback server: bodies intact (plain, gzip, chunked), requests carry
// what they were given (method, body, headers, cookies, proxy), connections are reused, the body
// parses in place with simdjson, per-host counters add up.
#include "crawler/http/http_engine.hpp"

#include "crawler/http/cookie_jar.hpp"
#include "parsers/parse.hpp"
#include "tests/support/loopback_http_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/crawler/http_test_helpers.hpp"

#include <catch2/catch.hpp>
#include <simdjson.h>

using namespace koubei;
using koubei::test::fetch;
using koubei::test::get;
using koubei::test::LoopbackHttpServer;

TEST_CASE("plain, gzip and chunked bodies arrive intact", "[http][engine]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const std::size_t size = GENERATE(0u, 1u, 4096u, 300000u);
  for (const char* route : {"/plain", "/gzip", "/chunked"}) {
    CAPTURE(route, size);
    const http::Response r =
        fetch(engine, get(server.url(std::string(route) + "?size=" + std::to_string(size))));
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    CHECK(r.body.view() == test::pattern(size));
    CHECK(r.final_url == r.url);
    CHECK(r.redirects.empty());
    CHECK(r.http_version == "1.1");
    if (std::string(route) == "/gzip") {
      CHECK(r.headers.get("content-encoding") == "gzip");
      CHECK(r.wire_bytes == test::gzip(test::pattern(size)).size());
    }
  }
}

TEST_CASE("headers are looked up case-insensitively and timings are filled", "[http][engine]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const http::Response r = fetch(engine, get(server.url("/plain")));
  REQUIRE(r.ok());
  CHECK(r.headers.get("CONTENT-TYPE") == "text/plain");
  CHECK(r.headers.get("content-length") == "5");
  CHECK_FALSE(r.headers.get("x-absent").has_value());
  CHECK(r.timings.total.count() > 0);
  CHECK(r.timings.first_byte <= r.timings.total);
  CHECK(r.timings.connect <= r.timings.first_byte);
}

TEST_CASE("method, body, headers, user agent and cookie reach the server", "[http][engine]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get(server.url("/echo"));
  req.method = http::Method::kPost;
  req.body = R"({"keyword":"华为"})";
  req.headers = {{"X-Test", "yes"}, {"Content-Type", "application/json"}};
  req.cookie = config::Secret("SUB=abc123; SUBP=def");
  const http::Response r = fetch(engine, std::move(req));
  REQUIRE(r.ok());
  CHECK(r.body.view() ==
        "method=POST\ncookie=SUB=abc123; SUBP=def\nbody={\"keyword\":\"华为\"}\n"
        "user-agent=" +
            engine.config().user_agent + "\nx-test=yes\n");
}

TEST_CASE(
    "an account's cookie jar keeps Set-Cookie for later requests; without a jar nothing leaks",
    "[http][engine]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  auto jar = std::make_shared<http::CookieJar>();
  http::Request set = get(server.url("/set-cookie?v=s3ss10n"));
  set.cookie_jar = jar;
  REQUIRE(fetch(engine, std::move(set)).ok());
  http::Request with_jar = get(server.url("/echo"));
  with_jar.cookie_jar = jar;
  CHECK(fetch(engine, std::move(with_jar)).body.view().find("cookie=session=s3ss10n\n") !=
        std::string_view::npos);
  CHECK(fetch(engine, get(server.url("/echo"))).body.view().find("cookie=\n") !=
        std::string_view::npos);
  // Easy handles are reused: a cookie one request collected without a jar stays with it.
  REQUIRE(fetch(engine, get(server.url("/set-cookie?v=own"))).ok());
  CHECK(fetch(engine, get(server.url("/echo"))).body.view().find("cookie=\n") !=
        std::string_view::npos);
}

TEST_CASE("sequential requests to one host reuse one connection", "[http][engine]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  for (int i = 0; i < 20; ++i)
    REQUIRE(fetch(engine, get(server.url("/plain?size=100"))).ok());
  CHECK(server.requests() == 20);
  CHECK(server.accepted_connections() == 1);
}

TEST_CASE("a request goes through its proxy", "[http][engine]") {
  LoopbackHttpServer proxy;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get("http://platform.invalid/api?q=1");
  req.proxy = config::Secret(proxy.url(""));
  const http::Response r = fetch(engine, std::move(req));
  REQUIRE(r.ok());
  CHECK(r.body.view() == "proxied http://platform.invalid/api?q=1");
}

TEST_CASE("the body is padded for simdjson: a page parses in place, without a copy",
          "[http][engine]") {
  LoopbackHttpServer server;
  server.add_route("/api/container/getIndex",
                   test::read_file(test::fixture_path("weibo/search_api_normal.json")));
  http::HttpEngine engine(test::http_test_config());
  const http::Response r =
      fetch(engine,
            get(server.url("/api/container/getIndex?containerid=100103type%3D61%26q%3Dx&page=1")));
  REQUIRE(r.ok());
  REQUIRE(r.body.size() > 0);
  // simdjson reads the response's own buffer: padded_string_view needs the padding to exist.
  simdjson::ondemand::parser parser;
  auto doc = parser.iterate(simdjson::padded_string_view(
      r.body.data(), r.body.size(), r.body.size() + http::BodyBuffer::kPadding));
  std::int64_t ok = 0;
  REQUIRE(doc["ok"].get_int64().get(ok) == simdjson::SUCCESS);
  CHECK(ok == 1);

  parsers::PageParser page_parser;
  parsers::PageInput page;
  page.type = parsers::PageType::kWeiboSearchApi;
  page.body = r.body.view();
  page.padded = true;
  page.status = r.status;
  page.url = r.url;
  page.final_url = r.final_url;
  const parsers::ParseResult parsed = page_parser.parse(page);
  CHECK(parsed.verdict == parsers::Verdict::kOk);
  CHECK_FALSE(parsed.items.empty());
}

TEST_CASE("per-host counters and histograms add up", "[http][engine]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  for (int i = 0; i < 3; ++i)
    REQUIRE(fetch(engine, get(server.url("/plain?size=10"))).ok());
  REQUIRE(fetch(engine, get(server.url("/nope"))).status == 404);
  REQUIRE(fetch(engine, get(server.url("/reset"))).errc() == http::FetchErrc::kReset);
  const auto stats = engine.stats();
  REQUIRE(stats.count("127.0.0.1") == 1);
  const http::HostCounters& c = stats.at("127.0.0.1");
  CHECK(c.requests == 5);
  CHECK(c.succeeded == 4);
  CHECK(c.statuses[2] == 3);
  CHECK(c.statuses[4] == 1);
  CHECK(c.failures[static_cast<std::size_t>(http::FetchErrc::kReset)] == 1);
  CHECK(c.body_bytes == 3 * 10 + std::string("no route /nope").size());
  CHECK(c.total.count == 4);
  std::uint64_t in_buckets = 0;
  for (const auto n : c.total.counts)
    in_buckets += n;
  CHECK(in_buckets == 4);
}
