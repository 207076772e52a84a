#include "analysis/alerts/alert_engine.hpp"

#include <catch2/catch.hpp>


using namespace koubei;
using namespace koubei::analysis;
using namespace std::chrono_literals;
using alerts::AlertEngine;
using alerts::Rule;

namespace {

const keywords::TextFolder& folder() {
  static const keywords::TextFolder kFolder;
  return kFolder;
}

int serial = 0;  // distinct native ids per test binary

// The engine takes `now` as an argument; this clock only makes the tests read like time passing.
struct FakeClock {
  model::Timestamp t = model::Timestamp{std::chrono::milliseconds{1795305600000}};  // 2026-11-22Z
  model::Timestamp now() const { return t; }
  void advance(std::chrono::milliseconds d) { t += d; }
};

model::Mention mention(std::string query, model::SentimentLabel label,
                       std::optional<model::Tier> tier = model::Tier::kOrdinary,
                       std::string text = "信号很差") {
  model::Mention m;
  m.platform = model::Platform::kWeibo;
  m.native_id = std::to_string(++serial);
  m.url = "https://m.weibo.cn/detail/" + m.native_id;
  m.text = std::move(text);
  m.author.name = "user" + m.native_id;
  if (!query.empty()) m.query = model::QueryMatch{std::move(query), {"华为"}};
  m.influence.tier = tier;
  m.sentiment = model::Sentiment{label, label == model::SentimentLabel::kNegative ? -0.8 : 0.5,
                                 "koubei.lexicon.v1"};
  return m;
}

config::AlertsConfig only(Rule rule) {
  config::AlertsConfig c;
  c.influencer.enabled = rule == Rule::kInfluencer;
  c.spike.enabled = rule == Rule::kSpike;
  c.crisis.enabled = rule == Rule::kCrisis;
  return c;
}

}  // namespace

TEST_CASE("a negative mention by a mid-tier or bigger author alerts at once",
          "[analysis][alerts]") {
  FakeClock clock;
  AlertEngine engine(only(Rule::kInfluencer), folder());
  CHECK(engine.observe(mention("q", model::SentimentLabel::kNegative, model::Tier::kTail),
                       clock.now()).empty());
  CHECK(engine.observe(mention("q", model::SentimentLabel::kPositive, model::Tier::kHead),
                       clock.now()).empty());
  CHECK(engine.observe(mention("q", model::SentimentLabel::kNegative, std::nullopt), clock.now())
            .empty());  // unknown tier: no claim of influence
  const auto alerts = engine.observe(mention("q", model::SentimentLabel::kNegative, model::Tier::kMid),
                                     clock.now());
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].rule == Rule::kInfluencer);
  CHECK(alerts[0].tier == model::Tier::kMid);
  CHECK(alerts[0].query == "q");
  CHECK(alerts[0].mentions.size() == 1);
  CHECK(alerts[0].fired_at == clock.now());
}

TEST_CASE("the cooldown holds back repeats per rule and query, and counts them",
          "[analysis][alerts]") {
  FakeClock clock;
  auto config = only(Rule::kInfluencer);
  config.cooldown = 30min;
  AlertEngine engine(config, folder());
  const auto neg_head = [](std::string q) {
    return mention(std::move(q), model::SentimentLabel::kNegative, model::Tier::kHead);
  };
  CHECK(engine.observe(neg_head("a"), clock.now()).size() == 1);
  clock.advance(10min);
  CHECK(engine.observe(neg_head("a"), clock.now()).empty());
  CHECK(engine.observe(neg_head("a"), clock.now()).empty());
  CHECK(engine.observe(neg_head("b"), clock.now()).size() == 1);  // another query: its own cooldown
  clock.advance(20min);
  const auto again = engine.observe(neg_head("a"), clock.now());
  REQUIRE(again.size() == 1);
  CHECK(again[0].suppressed == 2);
  CHECK(engine.stats().fired == 3);
  CHECK(engine.stats().suppressed == 2);
}

TEST_CASE("a spike of negatives above mean + k·σ of the previous 12 hours alerts",
          "[analysis][alerts]") {
  FakeClock clock;
  auto config = only(Rule::kSpike);
  config.spike.min_count = 5;
  config.max_mentions = 3;
  AlertEngine engine(config, folder());
  // Twelve hourly windows with 2 or 3 negatives each (mean 2.5, σ 0.5, threshold 4), placed in
  // the middle of the windows that end at the spike's minute, 12h59m after the start.
  const model::Timestamp start = clock.now();
  for (int hour = 0; hour < 12; ++hour) {
    clock.t = start + std::chrono::hours(hour) + 30min;
    for (int i = 0; i < 2 + hour % 2; ++i) {
      CHECK(engine.observe(mention("q", model::SentimentLabel::kNegative), clock.now()).empty());
    }
  }
  clock.t = start + 12h + 59min;
  // Positive mentions never count.
  for (int i = 0; i < 20; ++i) {
    CHECK(engine.observe(mention("q", model::SentimentLabel::kPositive), clock.now()).empty());
  }
  std::vector<alerts::Alert> fired;
  for (int i = 0; i < 5 && fired.empty(); ++i) {
    fired = engine.observe(mention("q", model::SentimentLabel::kNegative), clock.now());
    if (i < 4) CHECK(fired.empty());  // 4 is not above the threshold 4, and below min_count 5
  }
  REQUIRE(fired.size() == 1);
  const auto& a = fired[0];
  CHECK(a.rule == Rule::kSpike);
  REQUIRE(a.spike);
  CHECK(a.spike->count == 5);
  CHECK(a.spike->baseline_mean == Approx(2.5));
  CHECK(a.spike->baseline_stddev == Approx(0.5));
  CHECK(a.spike->threshold == Approx(4.0));
  CHECK(a.mentions.size() == 3);  // max_mentions, newest first
}

TEST_CASE("a spike needs min_count even after a silent baseline", "[analysis][alerts]") {
  FakeClock clock;
  auto config = only(Rule::kSpike);
  config.spike.min_count = 10;
  AlertEngine engine(config, folder());
  std::size_t fired_at = 0;
  for (std::size_t i = 1; i <= 12 && fired_at == 0; ++i) {
    if (!engine.observe(mention("q", model::SentimentLabel::kNegative), clock.now()).empty()) {
      fired_at = i;
    }
    clock.advance(2min);
  }
  CHECK(fired_at == 10);
  // Mentions older than the window stop counting: 13 hours later, 9 negatives do not alert.
  clock.advance(13h);
  for (int i = 0; i < 9; ++i) {
    CHECK(engine.observe(mention("q", model::SentimentLabel::kNegative), clock.now()).empty());
  }
}

TEST_CASE("crisis words in a matched mention alert, folded like keywords", "[analysis][alerts]") {
  FakeClock clock;
  AlertEngine engine(only(Rule::kCrisis), folder());
  CHECK(engine.observe(mention("q", model::SentimentLabel::kNeutral, {}, "手机很好用"), clock.now())
            .empty());
  // Not matched by any query: not ours to raise.
  CHECK(engine.observe(mention("", model::SentimentLabel::kNeutral, {}, "准备投诉"), clock.now())
            .empty());
  const auto a = engine.observe(
      mention("q", model::SentimentLabel::kNeutral, {}, "電池起火了，已經向315投訴"), clock.now());
  REQUIRE(a.size() == 1);
  CHECK(a[0].rule == Rule::kCrisis);
  CHECK(a[0].crisis_words == std::vector<std::string>{"投诉", "起火", "315"});
}

TEST_CASE("disabled alerts produce nothing", "[analysis][alerts]") {
  FakeClock clock;
  config::AlertsConfig config;
  config.enabled = false;
  AlertEngine engine(config, folder());
  CHECK(engine.observe(mention("q", model::SentimentLabel::kNegative, model::Tier::kHead, "投诉"),
                       clock.now()).empty());
  CHECK(engine.stats().observed == 1);
}
