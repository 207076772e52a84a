#include "sandbox/scenario.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/load.hpp"
#include "config/toml_reader.hpp"

#ifndef KOUBEI_SCENARIO_DIR
#define KOUBEI_SCENARIO_DIR "config/scenarios"
#endif

namespace koubei::sandbox {
namespace {

using config::TableReader;

void read_share(TableReader& t, std::string_view key, double& out) {
  t.read_number(key, out, 0.0, 1.0);
}

void read_world(TableReader& t, WorldSpec& w) {
  std::string epoch;
  if (t.read_string("epoch", epoch)) {
    if (auto ms = parse_world_time(epoch)) {
      w.epoch = *ms;
    } else {
      t.error("epoch", "\"" + epoch + "\" is not a time (expected 2026-11-22T10:00:00+08:00)");
    }
  }
  t.read_duration("history", w.history);
  t.read_uint("authors", w.authors, 10, kMaxAuthors);
  t.read_number("follower_alpha", w.follower_alpha, 0.3, 5.0);
  t.read_number("min_followers", w.min_followers, 0.0, 1e6);
  t.read_number("comments_mean", w.comments_mean, 0.0, 500.0);
  t.read_rate("author_rate", w.author_rate);
  t.finish();
}

void read_platform_list(TableReader& t, std::vector<PlatformId>& out) {
  std::vector<std::string> names;
  if (!t.read_string_list("platforms", names)) return;
  std::vector<PlatformId> ids;
  for (const auto& n : names) {
    auto id = config::platform_from_string(n);
    if (!id || *id == PlatformId::kDianping) {
      t.error("platforms", "\"" + n + "\" is not a searchable platform (weibo, xiaohongshu, douyin)");
      return;
    }
    ids.push_back(*id);
  }
  out = std::move(ids);
}

void read_query(TableReader& t, QuerySpec& q) {
  t.read_string("keyword", q.keyword, true);
  read_platform_list(t, q.platforms);
  t.read_rate("rate", q.rate);
  read_share(t, "burst_probability", q.burst_probability);
  t.read_number("burst_factor", q.burst_factor, 1.0, 1000.0);
  read_share(t, "negative_share", q.negative_share);
  t.finish();
}

void read_shop(TableReader& t, ShopSpec& s) {
  if (t.read_string("id", s.id, true)) {
    for (char c : s.id) {
      bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!ok) {
        t.error("id", "a shop id has only letters and digits");
        break;
      }
    }
  }
  t.read_string("name", s.name, true);
  t.read_rate("rate", s.rate);
  read_share(t, "negative_share", s.negative_share);
  t.finish();
}

void read_crisis(TableReader& t, CrisisSpec& c) {
  t.read_string("keyword", c.keyword, true);
  t.read_duration("starts_before", c.starts_before);
  t.read_duration("duration", c.duration);
  t.read_number("factor", c.factor, 1.0, 10000.0);
  read_share(t, "negative_share", c.negative_share);
  t.finish();
}

void read_generate(TableReader& t, GenerateSpec& g) {
  t.read_uint("queries", g.queries, 0, 100000);
  t.read_rate("median_rate", g.median_rate);
  t.read_number("rate_sigma", g.rate_sigma, 0.0, 4.0);
  read_share(t, "burst_probability", g.burst_probability);
  t.read_number("burst_factor", g.burst_factor, 1.0, 1000.0);
  t.finish();
}

void read_limit(TableReader& t, LimitSpec& l) {
  t.read_rate("ip_rate", l.ip_rate);
  t.read_uint("ip_burst", l.ip_burst, 1, 1000000);
  t.read_rate("cookie_rate", l.cookie_rate);
  t.read_uint("cookie_burst", l.cookie_burst, 1, 1000000);
  t.finish();
}

void read_faults(TableReader& t, FaultSpec& f) {
  t.read_duration("latency_median", f.latency_median);
  t.read_number("latency_sigma", f.latency_sigma, 0.0, 4.0);
  read_share(t, "error_rate", f.error_rate);
  read_share(t, "truncate_rate", f.truncate_rate);
  read_share(t, "malformed_rate", f.malformed_rate);
  read_share(t, "reset_rate", f.reset_rate);
  read_share(t, "layout_rate", f.layout_rate);
  t.finish();
}

void check_crisis(TableReader& root, const Scenario& s) {
  if (!s.crisis) return;
  for (const auto& q : s.queries) {
    if (q.keyword == s.crisis->keyword) return;
  }
  if (auto t = root.table("crisis")) {
    t->error("keyword", "\"" + s.crisis->keyword + "\" is not the keyword of any [[query]]");
  }
}

Scenario read_scenario(const toml::table& table, const std::string& name) {
  config::Diagnostics diags(name);
  const config::EnvLookup env = config::process_env();
  TableReader root(table, "", diags, env);
  Scenario s;
  root.read_string("name", s.name);
  if (auto t = root.table("world")) read_world(*t, s.world);
  std::set<std::string> keywords;
  for (auto& t : root.tables("query")) {
    read_query(t, s.queries.emplace_back());
    if (!s.queries.back().keyword.empty() && !keywords.insert(s.queries.back().keyword).second) {
      t.error("keyword", "duplicate keyword \"" + s.queries.back().keyword + "\"");
    }
  }
  for (auto& t : root.tables("shop")) read_shop(t, s.shops.emplace_back());
  if (auto t = root.table("crisis")) read_crisis(*t, s.crisis.emplace());
  if (auto t = root.table("generate")) read_generate(*t, s.generate);
  if (auto t = root.table("limits")) {
    for (PlatformId p : config::kAllPlatforms) {
      if (auto lt = t->table(config::to_string(p))) {
        read_limit(*lt, s.limits[static_cast<std::size_t>(p)]);
      }
    }
    t->finish();
  }
  if (auto t = root.table("faults")) read_faults(*t, s.faults);
  check_crisis(root, s);
  // Query streams are numbered below the timelines' (world.hpp).
  if (s.queries.size() + s.generate.queries > kMaxQueries) {
    root.error("query", "more than " + std::to_string(kMaxQueries) + " queries with [generate]");
  }
  root.finish();
  if (!diags.empty()) throw config::LoadError(diags.format(), diags.items());
  return s;
}

std::optional<std::filesystem::path> find_shipped(const std::string& name) {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("KOUBEI_SCENARIO_DIR")) dirs.emplace_back(env);
  dirs.emplace_back("config/scenarios");
  dirs.emplace_back(KOUBEI_SCENARIO_DIR);
  for (const auto& d : dirs) {
    auto p = d / (name + ".toml");
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

int digits(std::string_view s, std::size_t pos, std::size_t n, bool& ok) {
  int v = 0;
  if (pos + n > s.size()) {
    ok = false;
    return 0;
  }
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') ok = false;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::optional<Millis> parse_world_time(std::string_view s) {
  bool ok = true;
  int y = digits(s, 0, 4, ok), mo = digits(s, 5, 2, ok), d = digits(s, 8, 2, ok);
  if (!ok || s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int h = 0, mi = 0, sec = 0, off_min = 8 * 60;
  if (s.size() > 10) {
    if (s.size() < 20 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') {
      return std::nullopt;
    }
    h = digits(s, 11, 2, ok);
    mi = digits(s, 14, 2, ok);
    sec = digits(s, 17, 2, ok);
    std::string_view zone = s.substr(19);
    if (zone == "Z") {
      off_min = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
      off_min = digits(zone, 1, 2, ok) * 60 + digits(zone, 4, 2, ok);
      if (zone[0] == '-') off_min = -off_min;
    } else {
      return std::nullopt;
    }
  }
  if (!ok || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const sys_days day = year_month_day{year{y}, month{static_cast<unsigned>(mo)},
                                      std::chrono::day{static_cast<unsigned>(d)}};
  const auto t = day + hours{h} + minutes{mi} + seconds{sec} - minutes{off_min};
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

Scenario parse_scenario(std::string_view text, const std::string& name) {
  toml::table table;
  try {
    table = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    config::Diagnostics diags(name);
    diags.add(e.source(), "", "TOML syntax error: " + std::string(e.description()));
    throw config::LoadError(diags.format(), diags.items());
  }
  return read_scenario(table, name);
}

Scenario load_scenario(const std::string& name_or_file) {
  std::filesystem::path path = name_or_file;
  std::error_code ec;
  const bool is_file = name_or_file.find('/') != std::string::npos ||
                       name_or_file.ends_with(".toml") ||
                       std::filesystem::is_regular_file(path, ec);
  if (!is_file) {
    auto shipped = find_shipped(name_or_file);
    if (!shipped) {
      throw config::LoadError(name_or_file +
                                  ": no such scenario (shipped: demo, steady, crisis, hostile; or "
                                  "give a .toml file)\n",
                              {});
    }
    path = *shipped;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw config::LoadError(path.string() + ": cannot open scenario file\n", {});
  std::ostringstream text;
  text << in.rdbuf();
  Scenario s = parse_scenario(text.str(), path.string());
  if (s.name.empty()) s.name = path.stem().string();
  return s;
}

}  // namespace koubei::sandbox
