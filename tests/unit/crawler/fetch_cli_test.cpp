// `koubei fetch` driven as an operator drives it: a real process against the loopback server.
// Status, redirect chain and timings go to stderr with URLs redacted; the body to stdout or --out.
#include "tests/support/koubei_run.hpp"
#include "tests/support/loopback_http_server.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>

namespace {

using Run = koubei::test::KoubeiRun;

Run koubei_fetch(const std::string& args) { return koubei::test::run_koubei("fetch " + args); }

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("koubei fetch prints the body on stdout and status, chain and timings on stderr",
          "[cli][http]") {
  koubei::test::LoopbackHttpServer server;
  const Run r = koubei_fetch("'" + server.url("/redirect?n=2&token=t0psecret") + "'");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "arrived");
  CHECK(has(r.err,
            "redirect: 302 " + server.url("/redirect?n=2&token=***") + " -> " +
                server.url("/redirect?n=1")));
  CHECK(has(r.err, "status: 200 (HTTP/1.1)"));
  CHECK(has(r.err, "final url: " + server.url("/redirect?n=0")));
  CHECK(has(r.err, "timings: dns "));
  CHECK_FALSE(has(r.err, "t0psecret"));
}

TEST_CASE("koubei fetch sends --method, --header and --data and writes --out", "[cli][http]") {
  koubei::test::LoopbackHttpServer server;
  koubei::test::TempDir dir;
  const auto out = dir / "body.txt";
  const Run r = koubei_fetch("-X PUT -H 'X-Test: hi' -d 'a=1' --out '" + out.string() + "' " +
                             server.url("/echo"));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  const std::string body = koubei::test::read_file(out);
  CHECK(has(body, "method=PUT\n"));
  CHECK(has(body, "body=a=1\n"));
  CHECK(has(body, "x-test=hi\n"));
}

TEST_CASE("koubei fetch masks Set-Cookie values in --verbose headers", "[cli][http]") {
  koubei::test::LoopbackHttpServer server;
  const Run r = koubei_fetch("-v " + server.url("/set-cookie?v=c00kievalue"));
  CHECK(r.exit_code == 0);
  CHECK(has(r.err, "header: Set-Cookie: session=***"));
  CHECK_FALSE(has(r.err, "session=c00kievalue"));
}

TEST_CASE("koubei fetch exits 1 on a 4xx or a failed fetch and 2 on usage errors", "[cli][http]") {
  koubei::test::LoopbackHttpServer server;
  const Run missing = koubei_fetch(server.url("/nope"));
  CHECK(missing.exit_code == 1);
  CHECK(has(missing.err, "status: 404"));
  const Run reset = koubei_fetch(server.url("/reset"));
  CHECK(reset.exit_code == 1);
  CHECK(has(reset.err, "error: reset: " + server.url("/reset")));
  const Run cross = koubei_fetch(server.url("/cross"));
  CHECK(cross.exit_code == 1);
  CHECK(has(cross.err, "error: cross_site_redirect"));
  CHECK(koubei_fetch("--method FROB " + server.url("/plain")).exit_code == 2);
  CHECK(koubei_fetch("").exit_code == 2);
}
