#pragma once
// Shared by the alert delivery tests: a sample alert of each rule, a logger whose lines a test
// can read, and a schema check of JSON lines.

#include "tests/support/schema_check.hpp"
#include "tests/support/temp_dir.hpp"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>
#include <string>

#include "analysis/alerts/alert.hpp"

namespace koubei::test {

inline analysis::alerts::Alert sample_alert(analysis::alerts::Rule rule,
                                            const std::string& query = "q") {
  using analysis::alerts::Rule;
  analysis::alerts::Alert a;
  a.rule = rule;
  a.id = std::string(analysis::alerts::to_string(rule)) + ":" + query + ":1795305600000";
  a.query = query;
  a.fired_at = model::Timestamp{std::chrono::milliseconds{1795305600000}};
  a.summary = "测试 \"quoted\"";
  model::Mention m;
  m.native_id = "1";
  m.url = "https://m.weibo.cn/detail/1";
  m.text = "电池起火，已投诉";
  m.influence.tier = model::Tier::kMid;
  m.influence.score = 42.5;
  m.sentiment = model::Sentiment{model::SentimentLabel::kNegative, -0.9, "koubei.lexicon.v1"};
  a.mentions.push_back(analysis::alerts::summarize(m));
  if (rule == Rule::kInfluencer) {
    a.tier = model::Tier::kMid;
    a.min_tier = model::Tier::kMid;
  } else if (rule == Rule::kCrisis) {
    a.crisis_words = {"起火", "投诉"};
  } else {
    a.spike = analysis::alerts::SpikeStats{12, 2.5, 0.5, 4, 3, 10, std::chrono::hours(1), 12};
  }
  return a;
}

/// A logger writing into `text` (thread-safe sink; read `text` after flush()).
inline std::shared_ptr<spdlog::logger> capture_logger(std::ostringstream& text) {
  return std::make_shared<spdlog::logger>("alerts-test",
                                          std::make_shared<spdlog::sinks::ostream_sink_mt>(text));
}

/// The python3-jsonschema verdict on JSON lines against docs/schema/alert.v1.schema.json: 0 =
/// valid.
inline int validate_alert_lines(const std::string& lines, std::string& output) {
  TempDir dir;
  write_file(dir / "alerts.jsonl", lines);
  return validate_jsonl(std::string(KOUBEI_SOURCE_DIR) + "/docs/schema/alert.v1.schema.json",
                        dir / "alerts.jsonl",
                        output);
}

}  // namespace koubei::test
