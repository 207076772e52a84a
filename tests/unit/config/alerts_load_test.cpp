// [alerts] and [[query]] keywords at load time: defaults, overrides, errors with their columns.
#include "config/load.hpp"

#include <catch2/catch.hpp>

#include "config/print.hpp"

using namespace koubei::config;
using namespace std::chrono_literals;

namespace {

EnvLookup no_env() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

std::string problems(const std::string& text) {
  try {
    load_string(text, "test.toml", no_env());
  } catch (const LoadError& e) {
    return e.what();
  }
  FAIL("configuration loaded but should have failed:\n" << text);
  return {};
}

}  // namespace

TEST_CASE("alerts default to the documented rules and no remote delivery", "[config][alerts]") {
  const Config c = load_string("", "test.toml", no_env());
  CHECK(c.alerts.enabled);
  CHECK(c.alerts.cooldown == 30min);
  CHECK(c.alerts.influencer.min_tier == TierName::kMid);
  CHECK(c.alerts.spike.k == 3.0);
  CHECK(c.alerts.spike.window == 1h);
  CHECK(c.alerts.spike.baseline_windows == 12);
  CHECK(c.alerts.crisis.words ==
        std::vector<std::string>{"投诉", "维权", "曝光", "起火", "爆炸", "315", "召回"});
  CHECK(c.alerts.webhook.url.empty());
  CHECK(c.alerts.redis_stream.stream.empty());
}

TEST_CASE("the alerts section loads every rule and delivery setting", "[config][alerts]") {
  const Config c = load_string(R"(
[redis]
url = "redis://127.0.0.1:6379/0"
[alerts]
cooldown = "10m"
max_mentions = 5
dead_letter = "/var/lib/koubei/dead.jsonl"
[alerts.influencer]
min_tier = "head"
[alerts.spike]
k = 2.5
min_count = 3
window = "30m"
baseline_windows = 24
[alerts.crisis]
words = ["自燃", "召回"]
[alerts.webhook]
url = "https://hooks.example.com/T0K3N/alert"
timeout = "2s"
retries = 5
backoff = "250ms"
max_backoff = "4s"
[alerts.redis_stream]
stream = "koubei:alerts"
maxlen = 500
)",
                               "test.toml", no_env());
  CHECK(c.alerts.cooldown == 10min);
  CHECK(c.alerts.max_mentions == 5);
  CHECK(c.alerts.influencer.min_tier == TierName::kHead);
  CHECK(c.alerts.spike.k == 2.5);
  CHECK(c.alerts.spike.min_count == 3);
  CHECK(c.alerts.spike.window == 30min);
  CHECK(c.alerts.crisis.words == std::vector<std::string>{"自燃", "召回"});
  CHECK(c.alerts.webhook.retries == 5);
  CHECK(c.alerts.webhook.backoff == 250ms);
  CHECK(c.alerts.webhook.max_backoff == 4s);
  CHECK(c.alerts.redis_stream.stream == "koubei:alerts");
  const std::string printed = to_toml(c);
  CHECK(printed.find("[alerts.spike]") != std::string::npos);
  CHECK(printed.find("T0K3N") == std::string::npos);  // the webhook URL may carry a token
  CHECK(printed.find("min_tier = 'head'") != std::string::npos);
}

TEST_CASE("bad alert settings are reported with their keys", "[config][alerts]") {
  const std::string bad = problems(R"(
[alerts]
cooldown = "soon"
queue = 0
[alerts.influencer]
min_tier = "big"
[alerts.spike]
window = "10s"
[alerts.webhook]
url = "ftp://x"
backoff = "2s"
max_backoff = "1s"
[alerts.redis_stream]
stream = "koubei:alerts"
[alerts.crisis]
word = ["x"]
)");
  CHECK(bad.find("alerts.cooldown: \"soon\" is not a duration") != std::string::npos);
  CHECK(bad.find("alerts.influencer.min_tier: \"big\" is not a valid choice") != std::string::npos);
  CHECK(bad.find("alerts.spike.window: must be at least 1m") != std::string::npos);
  CHECK(bad.find("alerts.webhook.url: not an http(s) URL") != std::string::npos);
  CHECK(bad.find("alerts.webhook.max_backoff: must be at least backoff") != std::string::npos);
  CHECK(bad.find("alerts.queue: ") != std::string::npos);
  CHECK(bad.find("alerts.redis_stream.stream: alerts to a Redis Stream need a [redis]") !=
        std::string::npos);
  CHECK(bad.find("alerts.crisis.word: unknown key") != std::string::npos);
}

TEST_CASE("a bad keyword expression is a configuration error at its column", "[config][query]") {
  // keywords = '华为 AND (信号 OR 网络' : the value starts at column 12, the '(' is its 8th character.
  const std::string bad = problems(
      "[[query]]\n"
      "id = \"q1\"\n"
      "keywords = '华为 AND (信号 OR 网络'\n"
      "[[query]]\n"
      "id = \"q2\"\n"
      "keywords = \"NOT 广告\"\n"
      "[[query]]\n"
      "id = \"q3\"\n"
      "keywords = \"a\\tand b\"\n");
  INFO(bad);
  CHECK(bad.find("test.toml:3:20: query[0].keywords: unbalanced parenthesis") != std::string::npos);
  CHECK(bad.find("test.toml:6:13: query[1].keywords: nothing to search") != std::string::npos);
  // An escape makes source and value columns differ: the value is named, the column spelled out.
  CHECK(bad.find("test.toml:9:12: query[2].keywords: \"and\": operators are upper-case") !=
        std::string::npos);
  CHECK(bad.find("(column 3 of the value)") != std::string::npos);
}
