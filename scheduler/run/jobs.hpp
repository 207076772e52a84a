#pragma once
// The crawl jobs a configuration asks for (cli.md, issue 8 §2):
// - one search job per (query × platform × search), where a query's keyword expression expands
//   to the searches its positive terms need (analysis::keywords::search_terms) and the full
//   expression filters every item; on Dianping, which has no search, one job per named shop
//   whose reviews the expression filters;
// - one job per [[watch]]: a Weibo user's timeline or a Dianping shop's reviews, unfiltered.
// Job ids are stable across restarts (they key the checkpoints): "search:{query}:{platform}:
// {search}", "shop:{query}:{shop}", "watch:{platform}:{user}". Each id is one job: a platform,
// shop or watch the configuration repeats gives one job (the first).
//
// Thread safety: plain values; matchers are immutable and shared by the jobs of one query.

#include "analysis/keywords/matcher.hpp"
#include "config/config.hpp"
#include "crawler/clients/platform_client.hpp"

#include <memory>
#include <string>
#include <vector>

namespace koubei::scheduler {

struct JobSpec {
  std::string id;
  std::string label;  ///< for logs and summaries: "huawei-signal weibo 华为 信号"
  config::PlatformId platform = config::PlatformId::kWeibo;
  clients::Listing listing;
  std::string query_id;  ///< record.query.id: the query's id, or "watch:{name or user}"
  std::shared_ptr<const analysis::keywords::KeywordMatcher> matcher;  ///< null: unfiltered
  config::IntervalConfig interval;
  double priority = 1.0;
  bool comments = false;
};

/// Jobs of the given queries (all when `queries` is empty and `all_queries`), plus the watches
/// when `watches`. REQUIRES: the configuration was validated (its expressions parse).
std::vector<JobSpec> make_jobs(const config::Config& config,
                               const std::vector<config::QueryConfig>& queries, bool watches,
                               const analysis::keywords::TextFolder& folder);

}  // namespace koubei::scheduler
