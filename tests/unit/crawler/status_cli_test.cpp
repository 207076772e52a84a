// `koubei status` as a user runs it, against a real redis-server holding what daemons shared.
#include <catch2/catch.hpp>

#include "scheduler/run/platform_lane.hpp"
#include "storage/redis/redis_connection.hpp"
#include "storage/redis/redis_shared_budgets.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/temp_dir.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

namespace {

std::pair<int, std::string> run(const std::string& args) {
  FILE* pipe = popen((std::string(KOUBEI_BINARY) + " " + args + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

TEST_CASE("koubei status shows each account's health as the daemons share it",
          "[cli][.integration]") {
  koubei::test::RedisServer redis;
  koubei::test::TempDir dir;
  const auto config = dir / "koubei.toml";
  {
    std::ofstream f(config);
    f << "[daemon]\nstate_dir = \"" << (dir / "state").string() << "\"\n"
      << "[redis]\nurl = \"" << redis.url() << "\"\n"
      << "[[sink]]\ntype = \"jsonl\"\npath = \"" << (dir / "out.jsonl").string() << "\"\n"
      << "[platforms.weibo]\nbase_url = \"http://127.0.0.1:9\"\n"
      << "[[platforms.weibo.accounts]]\nname = \"main\"\ncookie = \"SUB=first-cookie-value\"\n"
      << "[[platforms.weibo.accounts]]\nname = \"spare\"\ncookie = \"SUB=second-cookie-value\"\n"
      << "[[query]]\nid = \"q0\"\nkeywords = \"华为 信号\"\nplatforms = [\"weibo\"]\n";
  }
  // What a daemon reports after three captchas on "spare": the others skip it, status shows it.
  auto endpoint = koubei::storage::redis::parse_redis_url(redis.url());
  REQUIRE(endpoint.has_value());
  koubei::storage::redis::RedisConnectionOptions options;
  options.endpoint = *endpoint;
  koubei::storage::redis::RedisSharedBudgets budgets(
      std::make_shared<koubei::storage::redis::RedisConnection>(options), "koubei:");
  const std::string spare =
      koubei::scheduler::budget_bucket_name("spare", koubei::config::Secret("SUB=second-cookie-value"));
  REQUIRE(budgets
              .block("weibo", spare, 600'000, "unhealthy", "captcha ×3 in a row (probing again later)",
                     600'000)
              .has_value());

  const auto [code, out] = run("status --config '" + config.string() + "'");
  INFO(out);
  CHECK(code == 0);
  CHECK(out.find("accounts (shared by the daemons") != std::string::npos);
  const auto spare_row = out.find("spare");
  REQUIRE(spare_row != std::string::npos);
  const std::string row = out.substr(spare_row, out.find('\n', spare_row) - spare_row);
  CHECK(row.find("unhealthy") != std::string::npos);
  CHECK(row.find("captcha ×3 in a row (probing again later)") != std::string::npos);
  const auto main_row = out.find("main ");
  REQUIRE(main_row != std::string::npos);
  CHECK(out.substr(main_row, out.find('\n', main_row) - main_row).find("no request yet") !=
        std::string::npos);
  // The cookie itself is never shown, only the account's name.
  CHECK(out.find("second-cookie-value") == std::string::npos);

  const auto [json_code, json] = run("status --config '" + config.string() + "' --json");
  INFO(json);
  CHECK(json_code == 0);
  CHECK(json.find(R"x({"platform":"weibo","account":"spare","state":"unhealthy","reason":"captcha ×3 in a row (probing again later)","blocked_for_ms":)x") !=
        std::string::npos);
  CHECK(json.find(R"x({"platform":"weibo","account":"main","state":"healthy","reason":"","blocked_for_ms":0,"used":false})x") !=
        std::string::npos);
}
