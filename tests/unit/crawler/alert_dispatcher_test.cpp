// AlertDispatcher without a network: the queue bound, the dead-letter rule with observers, the
// per-channel counters and the once-per-episode failure log. Channels are in-process sinks whose
// answers the test scripts; a gate makes "the webhook is slow" deterministic, without sleeping.
#include "crawler/alerts/alert_dispatcher.hpp"

#include "crawler/alerts/dead_letter_file.hpp"
#include "crawler/alerts/log_alert_sink.hpp"
#include "tests/unit/crawler/alert_test_support.hpp"

#include <catch2/catch.hpp>

#include <future>

using namespace koubei;
using analysis::alerts::Alert;
using analysis::alerts::Rule;

namespace {

// Answers from a script (true = accepted), optionally waiting for a gate before the first one.
class ScriptedSink final : public analysis::alerts::AlertSink {
 public:
  ScriptedSink(std::vector<bool> answers, std::shared_future<void> gate = {})
      : answers_(std::move(answers)), gate_(std::move(gate)) {}

  Result<void> deliver(const Alert& a) override {
    if (gate_.valid()) gate_.wait();
    seen.push_back(a.id);
    const bool ok = answers_.empty() ? true : answers_.front();
    if (!answers_.empty()) answers_.erase(answers_.begin());
    if (ok) return {};
    return Error{std::make_error_code(std::errc::connection_refused), "scripted " + a.id};
  }

  std::string_view name() const override { return "scripted"; }

  std::vector<std::string> seen;  // read only after drain()/stop()

 private:
  std::vector<bool> answers_;
  std::shared_future<void> gate_;
};

Alert numbered(int i) {
  Alert a = test::sample_alert(Rule::kCrisis);
  a.id = "crisis:q:" + std::to_string(i);
  return a;
}

std::size_t lines(const std::filesystem::path& p) {
  if (!std::filesystem::exists(p)) return 0;
  const std::string text = test::read_file(p);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("dispatcher: the log observes but does not count as delivery", "[alerts][dispatcher]") {
  test::TempDir dir;
  std::ostringstream log_text;
  auto logger = test::capture_logger(log_text);
  alerts::AlertChannels c;
  c.observers.push_back(std::make_unique<alerts::LogAlertSink>(logger));
  auto refusing = std::make_unique<ScriptedSink>(std::vector<bool>{false, true});
  c.channels.push_back(std::move(refusing));
  c.dead_letter = std::make_unique<alerts::DeadLetterFile>(dir / "dead.jsonl");
  alerts::AlertDispatcher d(std::move(c), 8, logger);
  REQUIRE(d.submit(numbered(1)));
  REQUIRE(d.submit(numbered(2)));
  d.drain();
  const auto s = d.stats();
  CHECK(s.submitted == 2);
  CHECK(s.finished == 2);
  CHECK(s.dead_lettered == 1);  // alert 1: logged, but the only channel refused it
  REQUIRE(s.channels.size() == 2);
  CHECK(s.channels[0].name == "log");
  CHECK(s.channels[0].delivered == 2);
  CHECK(s.channels[1].delivered == 1);
  CHECK(s.channels[1].failed == 1);
  CHECK(test::read_file(dir / "dead.jsonl").find("\"id\":\"crisis:q:1\"") != std::string::npos);
  logger->flush();
  CHECK(log_text.str().find("alert channel scripted failing: scripted crisis:q:1") !=
        std::string::npos);
  CHECK(log_text.str().find("alert channel scripted recovered") != std::string::npos);
}

TEST_CASE("dispatcher: a full queue dead-letters at submit instead of waiting",
          "[alerts][dispatcher]") {
  test::TempDir dir;
  std::promise<void> open;
  auto* slow = new ScriptedSink({}, open.get_future().share());
  alerts::AlertChannels c;
  c.channels.emplace_back(slow);
  c.dead_letter = std::make_unique<alerts::DeadLetterFile>(dir / "dead.jsonl");
  std::ostringstream log_text;
  alerts::AlertDispatcher d(std::move(c), 2, test::capture_logger(log_text));
  // The worker takes at most one alert into the slow channel; the queue holds two more.
  int queued = 0;
  for (int i = 0; i < 10; ++i)
    queued += d.submit(numbered(i)) ? 1 : 0;
  CHECK(queued >= 2);
  CHECK(queued <= 3);
  CHECK(d.stats().queue_full == static_cast<std::uint64_t>(10 - queued));
  CHECK(lines(dir / "dead.jsonl") == static_cast<std::size_t>(10 - queued));
  open.set_value();
  d.drain();
  const auto s = d.stats();
  CHECK(s.finished == 10);
  CHECK(s.dead_lettered == static_cast<std::uint64_t>(10 - queued));
  CHECK(s.channels[0].delivered == static_cast<std::uint64_t>(queued));
  CHECK(slow->seen.size() == static_cast<std::size_t>(queued));
}

TEST_CASE("dispatcher: stop() delivers what is queued, and later alerts are dead-lettered",
          "[alerts][dispatcher]") {
  test::TempDir dir;
  auto* sink = new ScriptedSink({});
  alerts::AlertChannels c;
  c.channels.emplace_back(sink);
  c.dead_letter = std::make_unique<alerts::DeadLetterFile>(dir / "dead.jsonl");
  std::ostringstream log_text;
  alerts::AlertDispatcher d(std::move(c), 100, test::capture_logger(log_text));
  for (int i = 0; i < 20; ++i)
    REQUIRE(d.submit(numbered(i)));
  d.stop();
  CHECK(sink->seen.size() == 20);
  CHECK_FALSE(d.submit(numbered(99)));
  const auto s = d.stats();
  CHECK(s.dead_lettered == 1);
  CHECK(s.queue_full == 0);
  CHECK(lines(dir / "dead.jsonl") == 1);
}

TEST_CASE("dispatcher: an alert that even the dead-letter file refuses is counted as lost",
          "[alerts][dispatcher]") {
  test::TempDir dir;
  test::write_file(dir / "blocker", "a file where a directory should be");
  alerts::AlertChannels c;
  c.channels.push_back(std::make_unique<ScriptedSink>(std::vector<bool>{false}));
  c.dead_letter = std::make_unique<alerts::DeadLetterFile>(dir / "blocker/dead.jsonl");
  std::ostringstream log_text;
  auto logger = test::capture_logger(log_text);
  alerts::AlertDispatcher d(std::move(c), 4, logger);
  d.submit(numbered(1));
  d.drain();
  CHECK(d.stats().lost == 1);
  CHECK(d.stats().dead_lettered == 0);
  logger->flush();
  CHECK(log_text.str().find("alert crisis:q:1 LOST") != std::string::npos);
}
