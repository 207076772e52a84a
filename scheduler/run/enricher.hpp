#pragma once
// Enricher: the pipeline hop between parsing and delivery. For each parsed item of a page it
//   1. applies the query's keyword expression to title + text (what reaches a sink really
//      matches, cli.md); items of a watch or comments of a matched item pass with no terms;
//   2. fills `query`, `influence` (author-cache facts where the page had no follower count) and
//      `sentiment`;
//   3. checks the record against koubei.mention.v1 and serialises it; a record that fails the
//      check is skipped and reported with its id and the reason, never emitted half-valid.
// The enriched fields are written into the items themselves: record k is
// `items[matched[k]].mention` (alerts and latency read it there; a copy per record cost 4% of a
// throughput run's CPU).
//
// Pure and const: runs on the parse pool, any number of threads at once. The folder outlives it.

#include "analysis/influence.hpp"
#include "analysis/keywords/matcher.hpp"
#include "analysis/sentiment/analyzer.hpp"
#include "parsers/page.hpp"
#include "storage/sink.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace koubei::scheduler {

struct QueryFilter {
  std::string query_id;  ///< goes into record.query.id ("huawei-signal", "watch:brand")
  /// Null: every item matches with no terms (watches, comments of a matched item).
  const analysis::keywords::KeywordMatcher* matcher = nullptr;
};

/// Author-cache facts by "platform:author_id".
using AuthorFactsMap = std::map<std::string, analysis::CachedAuthor>;

std::string author_key(const model::Mention& m);

struct EnrichedPage {
  std::vector<storage::OutRecord> records;
  std::vector<std::size_t> matched;  ///< record k is items[matched[k]]
  std::size_t unmatched = 0;
  std::vector<parsers::Diagnostic> invalid;  ///< records that failed the schema check
};

class Enricher {
 public:
  Enricher(const config::Config& config, const analysis::keywords::TextFolder& folder);

  EnrichedPage enrich(std::vector<parsers::ParsedItem>& items, const QueryFilter& filter,
                      const AuthorFactsMap& authors) const;

 private:
  analysis::InfluenceParams influence_;
  analysis::sentiment::SentimentAnalyzer sentiment_;
};

}  // namespace koubei::scheduler
