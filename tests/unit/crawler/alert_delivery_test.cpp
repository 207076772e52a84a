// Alert delivery without a network: the dead-letter file, the log line, and the fan-out rule that
// an alert no channel accepted is never lost. Records validate against alert.v1.schema.json.
#include "crawler/alerts/dead_letter_file.hpp"

#include <catch2/catch.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "crawler/alerts/log_alert_sink.hpp"
#include "tests/unit/crawler/alert_test_support.hpp"
#include "tests/support/schema_check.hpp"
#include "tests/support/temp_dir.hpp"

using namespace koubei;
using analysis::alerts::Alert;
using analysis::alerts::Rule;

namespace {

Alert sample(Rule rule) { return test::sample_alert(rule); }

// A channel that refuses everything: the remote endpoint being down, as the fan-out sees it.
class RefusingSink final : public analysis::alerts::AlertSink {
 public:
  Result<void> deliver(const Alert&) override {
    ++calls;
    return Error{std::make_error_code(std::errc::connection_refused), "http://127.0.0.1:9/hook"};
  }
  std::string_view name() const override { return "refusing"; }
  int calls = 0;
};

}  // namespace

TEST_CASE("the dead-letter file appends schema-valid alert records", "[alerts][delivery]") {
  test::TempDir dir;
  alerts::DeadLetterFile file(dir / "state/alerts-dead-letter.jsonl");
  for (Rule r : {Rule::kInfluencer, Rule::kSpike, Rule::kCrisis}) {
    REQUIRE(file.deliver(sample(r)).has_value());
  }
  const std::string text = test::read_file(file.path());
  CHECK(std::count(text.begin(), text.end(), '\n') == 3);
  std::string output;
  const int code = test::validate_jsonl(std::string(KOUBEI_SOURCE_DIR) +
                                            "/docs/schema/alert.v1.schema.json",
                                        file.path(), output);
  INFO(output);
  CHECK(code == 0);
}

TEST_CASE("an unwritable dead-letter path is an error naming the path", "[alerts][delivery]") {
  test::TempDir dir;
  test::write_file(dir / "blocker", "a file where a directory should be");
  alerts::DeadLetterFile file(dir / "blocker/dead.jsonl");
  const auto r = file.deliver(sample(Rule::kCrisis));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().where.find("blocker") != std::string::npos);
}

TEST_CASE("an alert no channel accepted goes to the dead-letter file", "[alerts][delivery]") {
  test::TempDir dir;
  alerts::DeadLetterFile dead(dir / "dead.jsonl");
  RefusingSink refusing;
  std::ostringstream log_text;
  auto logger = std::make_shared<spdlog::logger>(
      "alerts-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text));
  alerts::LogAlertSink log(logger);

  analysis::alerts::AlertSink* only_refusing[] = {&refusing};
  auto r = alerts::deliver_all(sample(Rule::kCrisis), only_refusing, dead);
  CHECK(r.failed == 1);
  CHECK(r.dead_lettered);
  CHECK_FALSE(r.error);

  analysis::alerts::AlertSink* both[] = {&refusing, &log};
  r = alerts::deliver_all(sample(Rule::kSpike), both, dead);
  CHECK(r.failed == 1);
  CHECK_FALSE(r.dead_lettered);  // the log took it
  logger->flush();
  CHECK(log_text.str().find("alert spike q: 测试") != std::string::npos);
  CHECK(log_text.str().find("\"schema\":\"koubei.alert.v1\"") != std::string::npos);

  const std::string text = test::read_file(dead.path());
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  CHECK(refusing.calls == 2);
}
