#include "analysis/influence.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace koubei;
using analysis::compute_influence;
using analysis::InfluenceParams;

namespace {

model::Mention mention(model::Platform platform, std::optional<std::int64_t> followers) {
  model::Mention m;
  m.platform = platform;
  m.author.followers = followers;
  return m;
}

// The spec's formula written out independently, for the table below.
double formula(double f, double e, double v, double f_ref, double e_ref) {
  const double sum = 0.6 * std::log(1 + f) / std::log(1 + f_ref) +
                     0.3 * std::log(1 + e) / std::log(1 + e_ref) + 0.1 * v;
  return std::round(10000 * std::min(1.0, std::max(0.0, sum))) / 100;
}

}  // namespace

TEST_CASE("influence scores follow the koubei.kol.v1 formula per platform", "[analysis][influence]") {
  struct Row {
    model::Platform platform;
    std::int64_t followers;
    std::int64_t likes, comments, shares, collects;
    bool verified;
    double f_ref, e_ref;
  };
  const Row rows[] = {
      {model::Platform::kWeibo, 1200000, 5000, 300, 120, 0, true, 1e8, 1e6},
      {model::Platform::kWeibo, 0, 0, 0, 0, 0, false, 1e8, 1e6},
      {model::Platform::kXiaohongshu, 52000, 19000, 800, 60, 4200, false, 1e7, 1e6},
      {model::Platform::kDouyin, 35000000, 2000000, 90000, 40000, 120000, true, 1e8, 1e7},
      {model::Platform::kDianping, 320, 12, 3, 0, 0, false, 1e5, 1e4},
  };
  for (const Row& r : rows) {
    model::Mention m = mention(r.platform, r.followers);
    m.metrics = {r.likes, r.comments, r.shares, r.collects, std::nullopt};
    m.author.verified_type = r.verified ? model::VerifiedType::kPersonal : model::VerifiedType::kNone;
    const model::Influence inf = compute_influence(m, InfluenceParams{});
    INFO(model::to_string(r.platform) << " followers " << r.followers);
    const double e = static_cast<double>(r.likes + r.comments + r.shares + r.collects);
    CHECK(inf.score == Approx(formula(static_cast<double>(r.followers), e, r.verified ? 1 : 0,
                                      r.f_ref, r.e_ref)));
    CHECK_FALSE(inf.partial);
    CHECK(inf.scheme == "koubei.kol.v1");
  }
}

TEST_CASE("a score is capped at 100 and never negative", "[analysis][influence]") {
  model::Mention m = mention(model::Platform::kDianping, 10000000);
  m.metrics = {10000000, 0, 0, 0, std::nullopt};
  m.author.verified = true;
  CHECK(compute_influence(m, InfluenceParams{}).score == 100);
  CHECK(compute_influence(mention(model::Platform::kWeibo, 0), InfluenceParams{}).score == 0);
}

TEST_CASE("tiers use each platform's follower floors", "[analysis][influence]") {
  struct Row {
    model::Platform platform;
    std::int64_t followers;
    model::Tier tier;
  };
  const Row rows[] = {
      {model::Platform::kWeibo, 1000000, model::Tier::kHead},
      {model::Platform::kWeibo, 999999, model::Tier::kMid},
      {model::Platform::kWeibo, 10000, model::Tier::kTail},
      {model::Platform::kWeibo, 1000, model::Tier::kKoc},
      {model::Platform::kWeibo, 999, model::Tier::kOrdinary},
      {model::Platform::kXiaohongshu, 100000, model::Tier::kMid},
      {model::Platform::kDouyin, 9999999, model::Tier::kMid},
      {model::Platform::kDouyin, 10000000, model::Tier::kHead},
      {model::Platform::kDouyin, 10000, model::Tier::kKoc},
      {model::Platform::kDianping, 100000, model::Tier::kHead},
      {model::Platform::kDianping, 100, model::Tier::kKoc},
      {model::Platform::kDianping, 99, model::Tier::kOrdinary},
  };
  for (const Row& r : rows) {
    INFO(model::to_string(r.platform) << " " << r.followers);
    CHECK(compute_influence(mention(r.platform, r.followers), InfluenceParams{}).tier == r.tier);
  }
}

TEST_CASE("unknown followers make the record partial, without tier, reach from views only",
          "[analysis][influence]") {
  model::Mention m = mention(model::Platform::kWeibo, std::nullopt);
  m.metrics.likes = 100;
  const model::Influence inf = compute_influence(m, InfluenceParams{});
  CHECK(inf.partial);
  CHECK_FALSE(inf.tier.has_value());
  CHECK_FALSE(inf.reach.has_value());
  CHECK(inf.score == Approx(std::round(10000 * 0.3 * std::log(101) / std::log(1e6 + 1)) / 100));
  m.metrics.views = 5000;
  CHECK(compute_influence(m, InfluenceParams{}).reach == 5000);
  // The author cache can supply what the page did not.
  const model::Influence cached = compute_influence(m, InfluenceParams{}, 20000);
  CHECK_FALSE(cached.partial);
  CHECK(cached.tier == model::Tier::kTail);
}

TEST_CASE("reach from followers uses the earned-impressions factor", "[analysis][influence]") {
  CHECK(analysis::reach_from_followers(50000) == 7500);             // 0.15
  CHECK(analysis::reach_from_followers(100000) == 15000);           // 0.15 at the lower bound
  CHECK(analysis::reach_from_followers(10000000) == 600000);        // 0.06 at the upper bound
  CHECK(analysis::reach_from_followers(20000000) == 1200000);       // 0.06
  CHECK(analysis::reach_from_followers(5050000) == 530250);         // halfway: 0.105
  model::Mention m = mention(model::Platform::kWeibo, 50000);
  CHECK(compute_influence(m, InfluenceParams{}).reach == 7500);
}

TEST_CASE("any change to the parameters marks the scheme custom", "[analysis][influence]") {
  InfluenceParams custom;
  custom.w_verified = 0.2;
  CHECK(std::string(custom.scheme()) == "koubei.kol.v1+custom");
  InfluenceParams refs;
  refs.platforms[0].follower_ref = 1e7;
  CHECK(std::string(refs.scheme()) == "koubei.kol.v1+custom");
  CHECK(std::string(InfluenceParams{}.scheme()) == "koubei.kol.v1");
  CHECK(compute_influence(mention(model::Platform::kWeibo, 10), custom).scheme ==
        "koubei.kol.v1+custom");
}

TEST_CASE("influence parameters come from the configuration", "[analysis][influence]") {
  config::InfluenceConfig defaults;
  for (auto id : config::kAllPlatforms) defaults.platforms[id] = config::default_influence(id);
  CHECK(analysis::influence_params(defaults) == InfluenceParams{});
  CHECK(std::string(analysis::influence_params(defaults).scheme()) == "koubei.kol.v1");

  config::InfluenceConfig custom = defaults;
  custom.platforms[config::PlatformId::kDouyin].tiers = {5000000, 500000, 50000, 5000};
  const InfluenceParams params = analysis::influence_params(custom);
  CHECK(std::string(params.scheme()) == "koubei.kol.v1+custom");
  CHECK(compute_influence(mention(model::Platform::kDouyin, 6000000), params).tier ==
        model::Tier::kHead);
  CHECK(compute_influence(mention(model::Platform::kDouyin, 6000000), InfluenceParams{}).tier ==
        model::Tier::kMid);
}

TEST_CASE("the author cache fills followers and verification a page lacks", "[analysis][influence]") {
  const InfluenceParams params;
  model::Mention m = mention(model::Platform::kXiaohongshu, std::nullopt);
  CHECK(analysis::compute_influence_cached(m, params, std::nullopt).partial);
  const analysis::CachedAuthor cached{150000, true, model::VerifiedType::kPersonal};
  const model::Influence filled = analysis::compute_influence_cached(m, params, cached);
  CHECK_FALSE(filled.partial);
  CHECK(filled.tier == model::Tier::kMid);
  CHECK(filled.score == Approx(formula(150000, 0, 1, 1e7, 1e6)));
  // The page's own count wins over the cache's.
  m.author.followers = 500;
  CHECK(analysis::compute_influence_cached(m, params, cached).tier == model::Tier::kOrdinary);
}
