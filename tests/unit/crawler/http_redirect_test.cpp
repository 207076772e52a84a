// Redirects through the engine: chains followed hop by hop and reported, loops and overlong
// chains stopped, a cross-site redirect never followed but visible, 303 turning POST into GET.
#include "crawler/http/http_engine.hpp"
#include "tests/support/loopback_http_server.hpp"
#include "tests/unit/crawler/http_test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using http::FetchErrc;
using koubei::test::fetch;
using koubei::test::get;
using koubei::test::LoopbackHttpServer;

TEST_CASE("a redirect chain is followed and every hop is reported", "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const http::Response r = fetch(engine, get(server.url("/redirect?n=3")));
  REQUIRE(r.ok());
  CHECK(r.status == 200);
  CHECK(r.body.view() == "arrived");
  CHECK(r.url == server.url("/redirect?n=3"));
  CHECK(r.final_url == server.url("/redirect?n=0"));
  REQUIRE(r.redirects.size() == 3);
  CHECK(r.redirects[0].url == server.url("/redirect?n=3"));
  CHECK(r.redirects[0].status == 302);
  CHECK(r.redirects[0].location == server.url("/redirect?n=2"));
  CHECK(r.redirects[2].location == server.url("/redirect?n=0"));
  CHECK(server.accepted_connections() == 1);  // every hop on the same connection
}

TEST_CASE("more redirects than max_redirects fail with too_many_redirects", "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get(server.url("/redirect?n=4"));
  req.max_redirects = 2;
  const http::Response r = fetch(engine, std::move(req));
  CHECK(r.errc() == FetchErrc::kTooManyRedirects);
  CHECK(r.status == 302);
  CHECK(r.redirects.size() == 3);  // two followed, the third refused
}

TEST_CASE("max_redirects 0 returns the 3xx response itself", "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get(server.url("/redirect?n=1"));
  req.max_redirects = 0;
  const http::Response r = fetch(engine, std::move(req));
  REQUIRE(r.ok());
  CHECK(r.status == 302);
  CHECK(r.headers.get("location") == "/redirect?n=0");
  CHECK(r.redirects.empty());
}

TEST_CASE("a redirect loop is stopped with redirect_loop", "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const http::Response r = fetch(engine, get(server.url("/loop/a")));
  CHECK(r.errc() == FetchErrc::kRedirectLoop);
  REQUIRE(r.redirects.size() == 2);
  CHECK(r.redirects[1].location == server.url("/loop/a"));
  CHECK(server.requests() == 2);
}

TEST_CASE("a cross-site redirect is not followed and is reported", "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  const http::Response r = fetch(engine, get(server.url("/cross")));
  CHECK(r.errc() == FetchErrc::kCrossSiteRedirect);
  CHECK(r.status == 302);
  CHECK(r.final_url == server.url("/cross"));
  REQUIRE(r.redirects.size() == 1);
  CHECK(r.redirects[0].location == "http://localhost:" + std::to_string(server.port()) + "/plain");
  CHECK(r.error.where.find("localhost") != std::string::npos);
  CHECK(server.requests() == 1);
}

TEST_CASE("303 after a POST fetches the target with GET and no body", "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  http::Request req = get(server.url("/see-other"));
  req.method = http::Method::kPost;
  req.body = "q=1";
  const http::Response r = fetch(engine, std::move(req));
  REQUIRE(r.ok());
  CHECK(r.body.view().starts_with("method=GET\ncookie=\nbody=\n"));
}

TEST_CASE("a cookie set by a redirect is sent on the next hop, even without a jar",
          "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  for (int i = 0; i < 3; ++i) {  // fresh and reused easy handles alike
    const std::string v = "hop" + std::to_string(i);
    const http::Response r = fetch(engine, get(server.url("/set-cookie-redirect?v=" + v)));
    REQUIRE(r.ok());
    CHECK(r.body.view().find("cookie=session=" + v + "\n") != std::string_view::npos);
  }
  CHECK(fetch(engine, get(server.url("/echo"))).body.view().find("cookie=\n") !=
        std::string_view::npos);
}

TEST_CASE("an account's jar carries cookies across requests and redirects", "[http][redirect]") {
  LoopbackHttpServer server;
  http::HttpEngine engine(test::http_test_config());
  // Set-Cookie on one request, then a chain whose last hop echoes: only a jar carries it over.
  auto jar = std::make_shared<http::CookieJar>();
  http::Request set = get(server.url("/set-cookie?v=hop"));
  set.cookie_jar = jar;
  REQUIRE(fetch(engine, std::move(set)).ok());
  http::Request chain = get(server.url("/see-other"));
  chain.cookie_jar = jar;
  CHECK(fetch(engine, std::move(chain)).body.view().find("cookie=session=hop") !=
        std::string_view::npos);
}
