#pragma once
// A sandbox scenario: the world's shape (authors, keyword streams, shops, a crisis) and how hostile
// the simulated platforms are (rate limits, faults). Loaded from TOML (config/scenarios/*.toml,
// documented in docs/sandbox.md) with located errors; unknown keys are rejected.
//
// A scenario is configuration only: the world it describes is a pure function of (scenario, seed)
// (world.hpp). Start-up code: load_scenario() throws config::LoadError with every problem as
// "file:line:col: key: message".

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/units.hpp"

namespace koubei::sandbox {

using config::Duration;
using config::PlatformId;
using config::Rate;
using Millis = std::int64_t;  ///< milliseconds since the Unix epoch, UTC

/// A keyword whose posts arrive on some platforms as a Poisson process.
struct QuerySpec {
  std::string keyword;  ///< exactly what a client searches for (q=, keyword=)
  std::vector<PlatformId> platforms{PlatformId::kWeibo, PlatformId::kXiaohongshu,
                                    PlatformId::kDouyin};
  Rate rate{10, Duration{3600000}};  ///< mean arrivals per platform
  double burst_probability = 0.0;    ///< share of hours that are bursts
  double burst_factor = 1.0;         ///< rate multiplier in a burst hour
  double negative_share = 0.3;       ///< share of complaints among the posts
};

/// A Dianping shop with reviews arriving at `rate`.
struct ShopSpec {
  std::string id;  ///< the shop id in /shop/{id}/review_all (letters and digits)
  std::string name;
  Rate rate{5, Duration{86400000}};
  double negative_share = 0.25;
};

/// A negative topic spiking on one keyword; a head-tier account posts about it at the start.
struct CrisisSpec {
  std::string keyword;           ///< one of the queries
  Duration starts_before{7200000};  ///< the spike starts this long before the epoch
  Duration duration{21600000};
  double factor = 20;            ///< rate multiplier during the spike
  double negative_share = 0.9;
};

/// Many generated keywords (brand × topic) with heavy-tailed (log-normal) rates.
struct GenerateSpec {
  std::uint32_t queries = 0;
  Rate median_rate{2, Duration{3600000}};
  double rate_sigma = 1.0;
  double burst_probability = 0.02;
  double burst_factor = 6;
};

/// Queries (explicit and generated) at most.
inline constexpr std::uint32_t kMaxQueries = 9999;
/// Authors per platform at most (their timelines take stream numbers 10000..89999, world.hpp).
inline constexpr std::uint32_t kMaxAuthors = 80000;

struct WorldSpec {
  std::optional<Millis> epoch;  ///< world time at start; absent: the wall clock at start
  Duration history{30LL * 86400000};  ///< items exist from epoch − history on
  std::uint32_t authors = 2000;       ///< per platform, at most kMaxAuthors
  double follower_alpha = 1.1;        ///< Pareto shape of follower counts (smaller: heavier tail)
  double min_followers = 20;
  double comments_mean = 6;           ///< mean comments per post (heavy-tailed)
  Rate author_rate{1, Duration{86400000}};  ///< median own posts per author (timelines)
};

/// Token buckets per client IP and per cookie; a rate of 0 means unlimited.
struct LimitSpec {
  Rate ip_rate{0, Duration{1000}};
  std::uint32_t ip_burst = 0;
  Rate cookie_rate{0, Duration{1000}};
  std::uint32_t cookie_burst = 0;
};

/// Fault injection; every rate is a probability per request (0 = never).
struct FaultSpec {
  Duration latency_median{0};
  double latency_sigma = 0.5;
  double error_rate = 0;      ///< HTTP 502/503
  double truncate_rate = 0;   ///< the body cut in half
  double malformed_rate = 0;  ///< JSON with a syntax error
  double reset_rate = 0;      ///< the connection closed without an answer
  double layout_rate = 0;     ///< a page in a changed layout (renamed keys and classes)
};

struct Scenario {
  std::string name;
  WorldSpec world;
  std::vector<QuerySpec> queries;
  std::vector<ShopSpec> shops;
  std::optional<CrisisSpec> crisis;
  GenerateSpec generate;
  std::array<LimitSpec, 4> limits{};  ///< by PlatformId
  FaultSpec faults;
};

/// Parses scenario TOML; `name` is the file name used in diagnostics.
Scenario parse_scenario(std::string_view text, const std::string& name);

/// NAME (a shipped scenario: demo, steady, crisis, hostile) or a FILE path. Shipped scenarios are
/// looked up in $KOUBEI_SCENARIO_DIR, then config/scenarios under the working directory, then in
/// the source tree koubei was built from.
Scenario load_scenario(const std::string& name_or_file);

/// "2026-11-22T10:00:00+08:00", "2026-11-22T02:00:00Z" or "2026-11-22" (midnight +08:00).
std::optional<Millis> parse_world_time(std::string_view text);

}  // namespace koubei::sandbox
