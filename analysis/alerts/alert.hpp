#pragma once
// The alert record, koubei.alert.v1 (docs/alerts.md, docs/schema/alert.v1.schema.json): one JSON
// object per alert, with the mentions that caused it, delivered to the log, a webhook, a Redis
// Stream or the dead-letter file. Plain values; thread-safe to copy and read.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parsers/model/mention.hpp"

namespace koubei::analysis::alerts {

enum class Rule { kInfluencer, kSpike, kCrisis };

std::string_view to_string(Rule r);

/// What an alert carries of each mention that caused it: enough to triage without a lookup.
struct AlertMention {
  std::string id;  ///< the mention record id, "weibo:post:…"
  model::Platform platform = model::Platform::kWeibo;
  std::string url;
  std::optional<std::string> author_name;
  std::optional<std::int64_t> followers;
  std::optional<model::Tier> tier;
  double influence = 0;
  std::optional<double> sentiment;
  std::optional<model::Timestamp> created_at;
  std::string excerpt;  ///< the first characters of title + text
};

struct SpikeStats {
  std::uint64_t count = 0;      ///< negative mentions in the window
  double baseline_mean = 0;
  double baseline_stddev = 0;
  double threshold = 0;         ///< mean + k·σ
  double k = 0;
  std::uint32_t min_count = 0;
  std::chrono::milliseconds window{0};
  std::uint32_t baseline_windows = 0;
};

struct Alert {
  std::string id;                     ///< "<rule>:<query>:<fired_at ms>"
  Rule rule = Rule::kInfluencer;
  std::optional<std::string> query;   ///< the query id; null for mentions no query selected
  model::Timestamp fired_at{};
  std::string summary;                ///< one human line (Chinese and English terms as found)
  std::uint64_t suppressed = 0;       ///< alerts of this (rule, query) held back by the cooldown since the last one
  std::optional<model::Tier> tier;            ///< kInfluencer: the author's tier
  std::optional<model::Tier> min_tier;        ///< kInfluencer: the configured floor
  std::vector<std::string> crisis_words;      ///< kCrisis: the words found
  std::optional<SpikeStats> spike;            ///< kSpike
  std::vector<AlertMention> mentions;
};

/// The mention's summary for an alert (excerpt of at most `excerpt_chars` characters).
AlertMention summarize(const model::Mention& m, std::size_t excerpt_chars = 140);

/// One compact JSON object (no newline), schema "koubei.alert.v1".
std::string to_json(const Alert& a);

}  // namespace koubei::analysis::alerts
