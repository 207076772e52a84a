#pragma once
// KOL influence (koubei.kol.v1, ../shared/spec/influence.md): score, tier, reach, scheme, partial.
//
//   score = 100 * clamp(w_f * ln(1+F)/ln(1+F_ref) + w_e * ln(1+E)/ln(1+E_ref) + w_v * V, 0, 1)
//   F = followers, E = likes + comments + shares + collects (unknown counts as 0), V = verified.
//
// Pure and thread-safe. The parameters are plain values; the defaults are the spec's, and any
// change to them makes the scheme "koubei.kol.v1+custom" so downstream never mixes scores computed
// two ways without knowing.

#include <array>
#include <cstdint>
#include <optional>

#include "config/config.hpp"
#include "parsers/model/mention.hpp"

namespace koubei::analysis {

struct PlatformInfluence {
  double follower_ref = 1e8;    ///< F_ref
  double engagement_ref = 1e6;  ///< E_ref
  /// Lower bounds of the tiers head, mid, tail, koc (followers); below koc is ordinary.
  std::array<std::int64_t, 4> tier_floors{1000000, 100000, 10000, 1000};

  friend bool operator==(const PlatformInfluence&, const PlatformInfluence&) = default;
};

struct InfluenceParams {
  double w_followers = 0.6;
  double w_engagement = 0.3;
  double w_verified = 0.1;
  /// Indexed by model::Platform (weibo, xiaohongshu, douyin, dianping).
  std::array<PlatformInfluence, 4> platforms = default_platforms();

  /// The spec's table: F_ref, E_ref and tier floors per platform.
  static std::array<PlatformInfluence, 4> default_platforms();

  /// "koubei.kol.v1", or "koubei.kol.v1+custom" when anything differs from the defaults.
  const char* scheme() const;

  friend bool operator==(const InfluenceParams&, const InfluenceParams&) = default;
};

/// The parameters a configuration's [influence] section describes.
InfluenceParams influence_params(const config::InfluenceConfig& config);

/// The influence of a record from its own author and metrics fields (score rounded to 0.01;
/// partial when followers are unknown; tier null then; reach = views when known). `followers` overrides the
/// record's author.followers when the page had none (from the author cache).
model::Influence compute_influence(const model::Mention& m, const InfluenceParams& params,
                                   std::optional<std::int64_t> followers = std::nullopt);

/// What the author cache knows of an author (storage::AuthorFacts' fields as plain values, so
/// analysis does not depend on storage).
struct CachedAuthor {
  std::optional<std::int64_t> followers;
  std::optional<bool> verified;
  std::optional<model::VerifiedType> verified_type;
};

/// Influence for pages without follower counts (XHS note cards, Douyin comments): what the page
/// says about its author wins; the cache fills what the page lacks. No cache entry: as
/// compute_influence(), so the record says partial.
model::Influence compute_influence_cached(const model::Mention& m, const InfluenceParams& params,
                                          const std::optional<CachedAuthor>& cached);

/// Reach from followers alone: round(F * f(F)), f = 0.15 below 100,000 followers, 0.06 above
/// 10,000,000, and linear in F in between.
std::int64_t reach_from_followers(std::int64_t followers);

}  // namespace koubei::analysis
