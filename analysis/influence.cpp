#include "analysis/influence.hpp"

#include <algorithm>
#include <cmath>

namespace koubei::analysis {
namespace {

std::size_t index_of(model::Platform p) { return static_cast<std::size_t>(p); }

double log_ratio(double x, double ref) { return std::log1p(x) / std::log1p(ref); }

model::Tier tier_of(std::int64_t followers, const PlatformInfluence& p) {
  if (followers >= p.tier_floors[0]) return model::Tier::kHead;
  if (followers >= p.tier_floors[1]) return model::Tier::kMid;
  if (followers >= p.tier_floors[2]) return model::Tier::kTail;
  if (followers >= p.tier_floors[3]) return model::Tier::kKoc;
  return model::Tier::kOrdinary;
}

}  // namespace

std::array<PlatformInfluence, 4> InfluenceParams::default_platforms() {
  return {{
      {1e8, 1e6, {1000000, 100000, 10000, 1000}},      // weibo
      {1e7, 1e6, {1000000, 100000, 10000, 1000}},      // xiaohongshu
      {1e8, 1e7, {10000000, 1000000, 100000, 10000}},  // douyin
      {1e5, 1e4, {100000, 10000, 1000, 100}},          // dianping
  }};
}

const char* InfluenceParams::scheme() const {
  return *this == InfluenceParams{} ? "koubei.kol.v1" : "koubei.kol.v1+custom";
}

InfluenceParams influence_params(const config::InfluenceConfig& config) {
  InfluenceParams params;
  params.w_followers = config.w_followers;
  params.w_engagement = config.w_engagement;
  params.w_verified = config.w_verified;
  for (const auto& [id, p] : config.platforms) {
    PlatformInfluence& out = params.platforms[index_of(id)];
    out.follower_ref = p.follower_ref;
    out.engagement_ref = p.engagement_ref;
    // The loader guarantees four descending floors.
    for (std::size_t i = 0; i < out.tier_floors.size() && i < p.tiers.size(); ++i) {
      out.tier_floors[i] = p.tiers[i];
    }
  }
  return params;
}

std::int64_t reach_from_followers(std::int64_t followers) {
  constexpr double kLow = 100000;
  constexpr double kHigh = 10000000;
  const double f = static_cast<double>(followers);
  double factor = 0.15;
  if (f > kHigh) {
    factor = 0.06;
  } else if (f >= kLow) {
    factor = 0.15 + (0.06 - 0.15) * (f - kLow) / (kHigh - kLow);
  }
  return std::llround(f * factor);
}

model::Influence compute_influence(const model::Mention& m, const InfluenceParams& params,
                                   std::optional<std::int64_t> followers) {
  const PlatformInfluence& p = params.platforms[index_of(m.platform)];
  if (!followers) followers = m.author.followers;
  if (followers && *followers < 0) followers.reset();
  const model::Metrics& mt = m.metrics;
  double engagement = 0;
  for (const auto& count : {mt.likes, mt.comments, mt.shares, mt.collects}) {
    if (count && *count > 0) engagement += static_cast<double>(*count);
  }
  const bool verified =
      (m.author.verified_type && *m.author.verified_type != model::VerifiedType::kNone) ||
      (!m.author.verified_type && m.author.verified.value_or(false));

  double sum = params.w_engagement * log_ratio(engagement, p.engagement_ref) +
               params.w_verified * (verified ? 1.0 : 0.0);
  if (followers) sum += params.w_followers * log_ratio(static_cast<double>(*followers), p.follower_ref);

  model::Influence out;
  // Two decimals: a score someone can read out and explain, and stable across libm versions.
  out.score = std::round(10000.0 * std::clamp(sum, 0.0, 1.0)) / 100.0;
  out.scheme = params.scheme();
  out.partial = !followers.has_value();
  if (followers) out.tier = tier_of(*followers, p);
  if (mt.views && *mt.views >= 0) {
    out.reach = *mt.views;
  } else if (followers) {
    out.reach = reach_from_followers(*followers);
  }
  return out;
}

model::Influence compute_influence_cached(const model::Mention& m, const InfluenceParams& params,
                                          const std::optional<CachedAuthor>& cached) {
  if (!cached) return compute_influence(m, params);
  // Only the fields the formula reads; the record's text is not copied.
  model::Mention facts;
  facts.platform = m.platform;
  facts.metrics = m.metrics;
  facts.author.followers = m.author.followers ? m.author.followers : cached->followers;
  facts.author.verified = m.author.verified ? m.author.verified : cached->verified;
  facts.author.verified_type =
      m.author.verified_type ? m.author.verified_type : cached->verified_type;
  return compute_influence(facts, params);
}

}  // namespace koubei::analysis
