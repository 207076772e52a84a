#include "analysis/alerts/alert_engine.hpp"

#include <cmath>

namespace koubei::analysis::alerts {
namespace {

bool is_negative(const model::Mention& m) {
  return m.sentiment && m.sentiment->label == model::SentimentLabel::kNegative;
}

std::int64_t minute_of(model::Timestamp t) {
  return std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count();
}

std::int64_t window_minutes(const config::AlertsConfig& c) {
  return std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::minutes>(c.spike.window).count());
}

}  // namespace

AlertEngine::AlertEngine(config::AlertsConfig config, const keywords::TextFolder& folder)
    : config_(std::move(config)), folder_(&folder) {
  for (const auto& w : config_.crisis.words) crisis_words_.emplace_back(folder.fold_chars(w), w);
}

std::vector<Alert> AlertEngine::observe(const model::Mention& m, model::Timestamp now) {
  ++stats_.observed;
  std::vector<Alert> out;
  if (!config_.enabled) return out;
  // Spike bookkeeping runs even when another rule fires, so counts stay true.
  for (auto rule : {&AlertEngine::influencer, &AlertEngine::spike, &AlertEngine::crisis}) {
    if (auto a = (this->*rule)(m, now); a && admit(*a, now)) out.push_back(std::move(*a));
  }
  return out;
}

bool AlertEngine::admit(Alert& a, model::Timestamp now) {
  Cooldown& c = cooldowns_[{a.rule, a.query.value_or("")}];
  if (c.last != model::Timestamp{} && now - c.last < config_.cooldown) {
    ++c.suppressed;
    ++stats_.suppressed;
    return false;
  }
  a.fired_at = now;
  a.suppressed = c.suppressed;
  a.id = std::string(to_string(a.rule)) + ":" + a.query.value_or("-") + ":" +
         std::to_string(now.time_since_epoch().count());
  c = Cooldown{now, 0};
  ++stats_.fired;
  return true;
}

std::optional<Alert> AlertEngine::influencer(const model::Mention& m, model::Timestamp) {
  if (!config_.influencer.enabled || !is_negative(m) || !m.influence.tier) return std::nullopt;
  // config::TierName and model::Tier list the tiers in the same order, highest first.
  const auto floor = static_cast<model::Tier>(config_.influencer.min_tier);
  if (*m.influence.tier > floor) return std::nullopt;
  Alert a;
  a.rule = Rule::kInfluencer;
  if (m.query) a.query = m.query->id;
  a.tier = m.influence.tier;
  a.min_tier = floor;
  a.summary = "negative mention by a " + std::string(model::to_string(*a.tier)) + "-tier author" +
              (m.author.name ? " (" + *m.author.name + ")" : "") + " on " +
              std::string(model::to_string(m.platform));
  a.mentions.push_back(summarize(m));
  return a;
}

std::uint64_t AlertEngine::window_count(const QueryState& q, std::int64_t last_minute) const {
  const std::int64_t w = window_minutes(config_);
  const auto size = static_cast<std::int64_t>(q.buckets.size());
  std::uint64_t sum = 0;
  for (std::int64_t minute = last_minute - w + 1; minute <= last_minute; ++minute) {
    const Bucket& b = q.buckets[static_cast<std::size_t>(((minute % size) + size) % size)];
    if (b.minute == minute) sum += b.count;
  }
  return sum;
}

std::optional<Alert> AlertEngine::spike(const model::Mention& m, model::Timestamp now) {
  if (!config_.spike.enabled || !is_negative(m) || !m.query) return std::nullopt;
  QueryState& q = queries_[m.query->id];
  const std::int64_t w = window_minutes(config_);
  const std::int64_t windows = config_.spike.baseline_windows + 1;
  if (q.buckets.empty()) q.buckets.resize(static_cast<std::size_t>(w * windows));
  const std::int64_t minute = minute_of(now);
  const auto size = static_cast<std::int64_t>(q.buckets.size());
  Bucket& b = q.buckets[static_cast<std::size_t>(((minute % size) + size) % size)];
  if (b.minute != minute) b = Bucket{minute, 0};
  ++b.count;
  q.recent_negatives.push_back(summarize(m));
  while (q.recent_negatives.size() > config_.max_mentions) q.recent_negatives.pop_front();

  const std::uint64_t current = window_count(q, minute);
  double sum = 0;
  double sum_sq = 0;
  const std::uint32_t n = config_.spike.baseline_windows;
  for (std::uint32_t i = 1; i <= n; ++i) {
    const auto c = static_cast<double>(window_count(q, minute - static_cast<std::int64_t>(i) * w));
    sum += c;
    sum_sq += c * c;
  }
  const double mean = sum / n;
  const double stddev = std::sqrt(std::max(0.0, sum_sq / n - mean * mean));
  const double threshold = mean + config_.spike.k * stddev;
  if (current < config_.spike.min_count || static_cast<double>(current) <= threshold) {
    return std::nullopt;
  }
  Alert a;
  a.rule = Rule::kSpike;
  a.query = m.query->id;
  a.spike = SpikeStats{current, mean,  stddev, threshold, config_.spike.k, config_.spike.min_count,
                       config_.spike.window, n};
  char buf[160];
  std::snprintf(buf, sizeof buf, "%llu negative mentions in the last window (baseline %.1f ± %.1f)",
                static_cast<unsigned long long>(current), mean, stddev);
  a.summary = std::string(buf) + " for query " + m.query->id;
  a.mentions.assign(q.recent_negatives.rbegin(), q.recent_negatives.rend());
  return a;
}

std::optional<Alert> AlertEngine::crisis(const model::Mention& m, model::Timestamp) {
  if (!config_.crisis.enabled || !m.query || crisis_words_.empty()) return std::nullopt;
  const std::u32string hay = folder_->fold_chars(m.title ? *m.title + "\n" + m.text : m.text);
  Alert a;
  for (const auto& [folded, word] : crisis_words_) {
    if (!folded.empty() && hay.find(folded) != std::u32string::npos) a.crisis_words.push_back(word);
  }
  if (a.crisis_words.empty()) return std::nullopt;
  a.rule = Rule::kCrisis;
  a.query = m.query->id;
  std::string words;
  for (const auto& w : a.crisis_words) words += (words.empty() ? "" : ", ") + w;
  a.summary = "crisis words (" + words + ") in a mention for query " + m.query->id;
  a.mentions.push_back(summarize(m));
  return a;
}

}  // namespace koubei::analysis::alerts
