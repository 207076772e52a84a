// The signer client: the protocol as pure functions, then a round trip against the sandbox's
// signing service: unsigned Xiaohongshu/Douyin API requests are refused, signed ones are served.
#include "crawler/signer/signer_client.hpp"

#include "crawler/requests/douyin_requests.hpp"
#include "crawler/requests/xiaohongshu_requests.hpp"
#include "parsers/parse.hpp"
#include "tests/support/run_coro.hpp"
#include "tests/unit/sandbox/sandbox_fixture.hpp"

#include <catch2/catch.hpp>
#include <simdjson.h>

#include <string>

using namespace koubei;
using koubei::requests::RequestSpec;

namespace {

std::string header(const RequestSpec& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<missing>";
}

// Fetches `spec` through the engine with a login cookie and parses it at the sandbox's time.
parsers::ParseResult fetch_and_parse(http::HttpEngine& engine, const RequestSpec& spec,
                                     const std::string& cookie, std::int64_t now_ms) {
  http::Request request = signer::to_http_request(spec);
  request.cookie = config::Secret(cookie);
  http::Response response = test::run_coro(engine.fetch(std::move(request)));
  REQUIRE(response.ok());
  parsers::PageParser parser;
  parsers::PageInput page;
  page.type = spec.page_type;
  page.body = response.body.view();
  page.padded = true;
  page.status = response.status;
  page.url = spec.url;
  page.final_url = response.final_url;
  page.fetched_at = model::Timestamp{std::chrono::milliseconds{now_ms}};
  return parser.parse(page);
}

}  // namespace

TEST_CASE("signer requests follow the protocol for each platform", "[crawler][signer]") {
  auto xhs = requests::xiaohongshu::search_api("http://api", "http://web", "华为", 1, "sid");
  auto r = signer::signer_request(xhs, "http://127.0.0.1:9/sign", 1700000000123);
  CHECK(r.method == http::Method::kPost);
  CHECK(r.url == "http://127.0.0.1:9/sign?platform=xiaohongshu&uri=%2Fapi%2Fsns%2Fweb%2Fv1%2Fsearch"
                 "%2Fnotes&t=1700000000123");
  CHECK(r.body == xhs.body);

  auto comments = requests::xiaohongshu::comments_api("http://api", "http://web", "n1", "", "tok");
  auto rc = signer::signer_request(comments, "http://s/x?key=k", 5);
  CHECK(rc.url.rfind("http://s/x?key=k&platform=xiaohongshu&uri=%2Fapi%2Fsns%2Fweb%2Fv2%2Fcomment"
                     "%2Fpage%3Fnote_id%3Dn1",
                     0) == 0);

  auto dy = requests::douyin::detail_api("http://www", "http://www", "7301");
  auto rd = signer::signer_request(dy, "http://127.0.0.1:9/sign", 5);
  CHECK(rd.url == "http://127.0.0.1:9/sign?platform=douyin");
  CHECK(rd.body == dy.url.substr(dy.url.find('?') + 1));
}

TEST_CASE("signer answers are attached, bad answers are errors", "[crawler][signer]") {
  auto xhs = requests::xiaohongshu::user_api("http://api", "http://web", "u1");
  REQUIRE(signer::apply_signature(xhs, R"({"x-s":"XYS_abc","x-t":"17"})", "http://s").has_value());
  CHECK(header(xhs, "x-s") == "XYS_abc");
  CHECK(header(xhs, "x-t") == "17");

  auto dy = requests::douyin::detail_api("http://www", "http://www", "7301");
  REQUIRE(signer::apply_signature(dy, R"({"a_bogus":"a/b="})", "http://s").has_value());
  CHECK(dy.url.ends_with("&a_bogus=a%2Fb%3D"));

  auto missing = requests::douyin::detail_api("http://www", "http://www", "7301");
  auto e = signer::apply_signature(missing, R"({"x":1})", "http://user:pw@s/sign");
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().code == signer::SignerErrc::kBadAnswer);
  CHECK(e.error().message().find("pw") == std::string::npos);
  CHECK(e.error().message().find("a_bogus") != std::string::npos);
  auto garbage = signer::apply_signature(missing, "<html>", "http://s");
  REQUIRE_FALSE(garbage.has_value());
  CHECK(garbage.error().code == signer::SignerErrc::kBadAnswer);
}

TEST_CASE("unsigned platform APIs are refused and signed ones served by the sandbox",
          "[.integration][crawler][signer]") {
  sandbox::test::RunningSandbox sandbox("demo", 1);
  const std::string base = "http://127.0.0.1:" + std::to_string(sandbox.port());
  const std::string signer_url = base + "/__sandbox/sign";
  http::HttpEngine engine(config::HttpConfig{});

  SECTION("xiaohongshu search") {
    auto spec = requests::xiaohongshu::search_api(base, base, "华为 信号", 1, "sid1");
    auto unsigned_page = fetch_and_parse(engine, spec, "web_session=s1", sandbox.now());
    CHECK(unsigned_page.verdict == parsers::Verdict::kSignatureRejected);
    auto signed_ok = test::run_coro(signer::sign(engine, signer_url, spec, sandbox.now()));
    REQUIRE(signed_ok.has_value());
    auto page = fetch_and_parse(engine, spec, "web_session=s1", sandbox.now());
    CHECK(page.verdict == parsers::Verdict::kOk);
    CHECK_FALSE(page.items.empty());
  }
  SECTION("douyin search") {
    auto spec = requests::douyin::search_api(base, base, "华为 信号", 0, "");
    auto unsigned_page = fetch_and_parse(engine, spec, "sessionid=s2", sandbox.now());
    CHECK(unsigned_page.verdict == parsers::Verdict::kSignatureRejected);
    auto signed_ok = test::run_coro(signer::sign(engine, signer_url, spec, sandbox.now()));
    REQUIRE(signed_ok.has_value());
    auto page = fetch_and_parse(engine, spec, "sessionid=s2", sandbox.now());
    CHECK(page.verdict == parsers::Verdict::kOk);
    CHECK_FALSE(page.items.empty());
  }
  SECTION("no signer configured") {
    auto spec = requests::douyin::detail_api(base, base, "1");
    auto r = test::run_coro(signer::sign(engine, "", spec, sandbox.now()));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == signer::SignerErrc::kNotConfigured);
  }
}
