// `koubei parse --config FILE --alerts` as an operator runs it: a saved Weibo search page with a
// negative post by a head-tier author raises an influencer alert, delivered to a loopback
// webhook (and a private Redis Stream) by the same dispatcher the daemon uses; the summary line
// is on stderr, the token of the webhook URL nowhere.
#include "tests/support/koubei_run.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/webhook_receiver.hpp"
#include "tests/unit/crawler/alert_test_support.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using Step = test::WebhookReceiver::Step;

namespace {

constexpr std::string_view kToken = "cliT0kenSecret";

const std::string kPage =
    std::string(KOUBEI_FIXTURE_DIR) + "/alerts/weibo_search_negative_kol.json";

std::string parse_args(const std::filesystem::path& config) {
  return "parse --config '" + config.string() +
         "' --alerts --page-type weibo.search_api --fetched-at 2026-11-22T02:00:00Z"
         " --keywords 信号 --query-id signal '" +
         kPage + "'";
}

std::string config_text(const test::TempDir& dir,
                        const std::string& webhook_url,
                        const std::string& extra = "") {
  return "[daemon]\nstate_dir = '" + (dir / "state").string() + "'\n" + extra +
         "[alerts.webhook]\nurl = '" + webhook_url +
         "'\ntimeout = '5s'\nretries = 3\nbackoff = '2ms'\nmax_backoff = '10ms'\n";
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("koubei parse --alerts delivers an influencer alert to the webhook",
          "[.integration][cli][alerts]") {
  test::WebhookReceiver hook({Step::status_code(503)});  // one failure first: the retry path
  test::TempDir dir;
  test::write_file(dir / "k.toml",
                   config_text(dir, hook.url("/alerts?token=" + std::string(kToken))));
  const auto r = test::run_koubei(parse_args(dir / "k.toml"));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);  // the mentions, unchanged
  const auto delivered = hook.delivered();
  REQUIRE(delivered.size() == 1);
  CHECK(has(delivered[0], "\"rule\":\"influencer\""));
  CHECK(has(delivered[0], "\"query\":\"signal\""));
  CHECK(has(delivered[0], "\"id\":\"weibo:post:5102299990000001\""));
  CHECK_FALSE(has(delivered[0], "5102299990000002"));  // the neutral post raised nothing
  std::string output;
  CHECK(test::validate_alert_lines(delivered[0] + "\n", output) == 0);
  INFO(output);
  CHECK(has(r.err,
            "alerts: 1 raised (0 suppressed); log 1 ok; webhook 1 ok; 0 dead-lettered, 0 lost"));
  CHECK(has(r.err, "token=***"));
  CHECK_FALSE(has(r.err, kToken));
  CHECK_FALSE(std::filesystem::exists(dir / "state/alerts-dead-letter.jsonl"));
}

TEST_CASE("koubei parse --alerts: webhook down, the Redis Stream still takes the alert",
          "[.integration][cli][alerts]") {
  test::WebhookReceiver hook({}, Step::status_code(500));
  test::RedisServer redis;
  test::TempDir dir;
  test::write_file(dir / "k.toml",
                   config_text(dir,
                               hook.url("/alerts?token=" + std::string(kToken)),
                               "[redis]\nurl = '" + redis.url() +
                                   "'\n[alerts.redis_stream]\nstream = 'koubei:alerts'\n"));
  const auto r = test::run_koubei(parse_args(dir / "k.toml"));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(hook.requests().size() == 4);  // first attempt + 3 retries
  CHECK(redis.command({"XLEN", "koubei:alerts"}) == "1");
  CHECK(has(r.err, "webhook 0 ok, 1 failed; redis_stream 1 ok; 0 dead-lettered, 0 lost"));
  CHECK_FALSE(has(r.err, kToken));
}

TEST_CASE("koubei parse --alerts: no channel takes it, so the dead-letter file does",
          "[.integration][cli][alerts]") {
  test::WebhookReceiver hook({}, Step::status_code(404));
  test::TempDir dir;
  test::write_file(dir / "k.toml", config_text(dir, hook.url("/gone")));
  const auto r = test::run_koubei(parse_args(dir / "k.toml"));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(hook.requests().size() == 1);  // 404 is final
  CHECK(has(r.err, "webhook 0 ok, 1 failed; 1 dead-lettered ("));
  const std::string dead = test::read_file(dir / "state/alerts-dead-letter.jsonl");
  CHECK(has(dead, "\"rule\":\"influencer\""));
  std::string output;
  CHECK(test::validate_alert_lines(dead, output) == 0);
}

TEST_CASE("koubei parse --alerts needs --config", "[cli][alerts]") {
  const auto r = test::run_koubei("parse --alerts --page-type weibo.search_api '" + kPage + "'");
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "--alerts needs --config"));
}
