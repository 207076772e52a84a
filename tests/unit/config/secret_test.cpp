#include "config/secret.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "config/env_expand.hpp"
#include "config/logging.hpp"

using namespace koubei::config;

TEST_CASE("a Secret prints as *** through ostream and fmt", "[config][secret]") {
  const Secret s("SUB=topsecretvalue");
  std::ostringstream os;
  os << s;
  CHECK(os.str() == "***");
  CHECK(fmt::format("cookie={}", s) == "cookie=***");
  CHECK(s.reveal() == "SUB=topsecretvalue");
}

TEST_CASE("the redactor masks whole cookies, cookie values and DSN passwords", "[config][secret]") {
  Redactor r;
  r.add_cookie("SUB=_2A25abcdef; SUBP=0033WrSXqPxfM; a=1");
  r.add_dsn("redis://:redispw99@localhost:6379/0");
  r.add_dsn("host=db user=k password='pg pass 7' dbname=x");
  CHECK(r.redact("sent Cookie: SUB=_2A25abcdef; SUBP=0033WrSXqPxfM; a=1") == "sent Cookie: ***");
  CHECK(r.redact("value _2A25abcdef leaked") == "value *** leaked");
  CHECK(r.redact("auth redispw99 failed") == "auth *** failed");
  CHECK(r.redact("pw pg pass 7!") == "pw ***!");
  // Values shorter than kMinLength ("1") are not registered: masking every "1" hides too much.
  CHECK(r.redact("a=1 count 1") == "a=1 count 1");
}

TEST_CASE("DSNs and URLs show everything but the password", "[config][secret]") {
  CHECK(mask_dsn("redis://:pw@127.0.0.1:6379/0") == "redis://:***@127.0.0.1:6379/0");
  CHECK(mask_dsn("postgresql://u:p%40ss@h:5432/db?sslmode=off") ==
        "postgresql://u:***@h:5432/db?sslmode=off");
  CHECK(mask_dsn("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0");
  CHECK(mask_dsn("unix:///tmp/redis.sock") == "unix:///tmp/redis.sock");
  CHECK(mask_dsn("host=h password=secret1 user=u") == "host=h password=*** user=u");
  CHECK(dsn_password("socks5://a:b@h:1") == "b");
  CHECK(redact_url("https://edith.xiaohongshu.com/api/x?note_id=1&xsec_token=ABC123&cursor=") ==
        "https://edith.xiaohongshu.com/api/x?note_id=1&xsec_token=***&cursor=");
  CHECK(redact_url("https://www.douyin.com/aweme?a_bogus=Q1&msToken=T2#frag") ==
        "https://www.douyin.com/aweme?a_bogus=***&msToken=***#frag");
  CHECK(redact_url("https://m.weibo.cn/api/container/getIndex?containerid=100103&page=2") ==
        "https://m.weibo.cn/api/container/getIndex?containerid=100103&page=2");
}

TEST_CASE("${ENV} expansion handles defaults, $$ and errors", "[config][env]") {
  const EnvLookup env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "SET") return std::string("value");
    if (name == "EMPTY") return std::string();
    return std::nullopt;
  };
  CHECK(expand_env("a ${SET} b", env).value == "a value b");
  CHECK(expand_env("${UNSET:-fallback}", env).value == "fallback");
  CHECK(expand_env("${EMPTY:-fallback}", env).value == "fallback");
  CHECK(expand_env("${UNSET:-}", env).value.empty());
  CHECK(expand_env("$$HOME and $x", env).value == "$HOME and $x");
  CHECK(expand_env("${UNSET}", env).error.find("UNSET is not set") != std::string::npos);
  CHECK(expand_env("${SET", env).error.find("unterminated") != std::string::npos);
  CHECK(expand_env("${1BAD}", env).error.find("invalid environment variable name") !=
        std::string::npos);
}

TEST_CASE("log lines never contain a configured secret, in text or JSON", "[config][logging]") {
  auto redactor = std::make_shared<Redactor>();
  redactor->add_cookie("SUB=cookiesecret1; SUBP=cookiesecret2");
  redactor->add_dsn("redis://:redispass3@h:1/0");
  for (LogFormat format : {LogFormat::kText, LogFormat::kJson}) {
    std::vector<std::string> lines;
    auto logger = make_logger({format, LogLevel::kDebug}, redactor,
                              [&](std::string_view line) { lines.emplace_back(line); });
    logger->warn("request failed with Cookie: {} via {}", "SUB=cookiesecret1; SUBP=cookiesecret2",
                 "redis://:redispass3@h:1/0");
    logger->info("value {} alone", "cookiesecret2");
    logger->debug("multi\nline \"quoted\" \xff");
    logger->trace("below the level");
    REQUIRE(lines.size() == 3);
    for (const auto& line : lines) {
      INFO(line);
      CHECK(line.find("cookiesecret") == std::string::npos);
      CHECK(line.find("redispass3") == std::string::npos);
      CHECK(line.find('\n') == std::string::npos);
    }
    CHECK(lines[0].find("Cookie: ***") != std::string::npos);
    if (format == LogFormat::kJson) {
      CHECK(lines[0].rfind("{\"ts\":\"", 0) == 0);
      CHECK(lines[0].find("\"level\":\"warn\"") != std::string::npos);
      CHECK(lines[2].find(R"(multi\nline \"quoted\" )") != std::string::npos);
    } else {
      CHECK(lines[0].find(" warn  request failed") != std::string::npos);
    }
  }
}
