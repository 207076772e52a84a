#include "scheduler/run/enricher.hpp"

#include "parsers/model/mention_json.hpp"

namespace koubei::scheduler {

std::string author_key(const model::Mention& m) {
  return std::string(model::to_string(m.platform)) + ":" + m.author.id.value_or("");
}

Enricher::Enricher(const config::Config& config, const analysis::keywords::TextFolder& folder)
    : influence_(analysis::influence_params(config.influence)),
      sentiment_(folder, analysis::sentiment::Lexicon::builtin(folder)) {}

EnrichedPage Enricher::enrich(std::vector<parsers::ParsedItem>& items, const QueryFilter& filter,
                              const AuthorFactsMap& authors) const {
  EnrichedPage out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    model::Mention& m = items[i].mention;
    std::vector<std::string> terms;
    if (filter.matcher != nullptr) {
      auto match = filter.matcher->match(m.title.value_or(""), m.text);
      if (!match.matched) {
        ++out.unmatched;
        continue;
      }
      terms = std::move(match.terms);
    }
    m.query = model::QueryMatch{filter.query_id, std::move(terms)};
    std::optional<analysis::CachedAuthor> cached;
    if (m.author.id && !m.author.followers) {
      if (auto it = authors.find(author_key(m)); it != authors.end()) cached = it->second;
    }
    m.influence = analysis::compute_influence_cached(m, influence_, cached);
    m.sentiment = sentiment_.analyze(m);
    if (std::string problem = model::check_mention(m); !problem.empty()) {
      out.invalid.push_back({m.id(), "record not emitted: " + problem});
      continue;
    }
    out.records.push_back({m.id(), model::to_json(m)});
    out.matched.push_back(i);
  }
  return out;
}

}  // namespace koubei::scheduler
