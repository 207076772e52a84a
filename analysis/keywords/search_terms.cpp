// The searches a platform is sent for an expression.
//
// Platforms search with plain words, so koubei sends the positive part of the expression in
// disjunctive normal form and applies the full expression to every item it gets back (cli.md):
//   - a term or phrase is one search word (a phrase goes as written, spaces and all);
//   - a AND b multiplies out: every search of a joined with every search of b;
//   - a OR b is the searches of a followed by those of b;
//   - a NEAR/n b searches "a b";
//   - NOT x contributes nothing: exclusions only filter what the positive terms found.
// So `华为 AND (信号 OR 网络) NOT 广告` sends "华为 信号" and "华为 网络". A branch that ends up with
// no word (an expression of only NOTs, or `a OR NOT b`) cannot be searched and is an error, as is
// an expansion into more than limits.max_searches searches. Duplicates are dropped, order kept.
#include <algorithm>

#include "analysis/keywords/expression.hpp"

namespace koubei::analysis::keywords {
namespace {

using Conjunction = std::vector<std::string>;

class Planner {
 public:
  Planner(const Expression& e, const ExpressionLimits& limits) : e_(e), limits_(limits) {}

  // The conjunctions of node i; empty optional when the expansion is too large.
  std::optional<std::vector<Conjunction>> expand(std::size_t i) {
    const Node& n = e_.node(i);
    switch (n.kind) {
      case NodeKind::kTerm: return std::vector<Conjunction>{{n.text}};
      case NodeKind::kNot: return std::vector<Conjunction>{{}};
      case NodeKind::kNear:
        return std::vector<Conjunction>{{e_.node(n.children[0]).text, e_.node(n.children[1]).text}};
      case NodeKind::kOr: {
        std::vector<Conjunction> out;
        for (std::size_t c : n.children) {
          auto part = expand(c);
          if (!part) return std::nullopt;
          out.insert(out.end(), part->begin(), part->end());
          if (out.size() > limits_.max_searches) return std::nullopt;
        }
        return out;
      }
      case NodeKind::kAnd: {
        std::vector<Conjunction> out{{}};
        for (std::size_t c : n.children) {
          auto part = expand(c);
          if (!part) return std::nullopt;
          std::vector<Conjunction> product;
          for (const auto& left : out) {
            for (const auto& right : *part) {
              Conjunction joined = left;
              for (const auto& word : right) {
                if (std::find(joined.begin(), joined.end(), word) == joined.end()) {
                  joined.push_back(word);
                }
              }
              product.push_back(std::move(joined));
              if (product.size() > limits_.max_searches) return std::nullopt;
            }
          }
          out = std::move(product);
        }
        return out;
      }
    }
    return std::nullopt;
  }

 private:
  const Expression& e_;
  const ExpressionLimits& limits_;
};

}  // namespace

SearchPlan search_terms(const Expression& e, const ExpressionLimits& limits) {
  SearchPlan plan;
  auto conjunctions = Planner(e, limits).expand(e.root);
  if (!conjunctions) {
    plan.error = SyntaxError{1, "expands to more than " + std::to_string(limits.max_searches) +
                                    " platform searches; split it into several queries"};
    return plan;
  }
  for (const auto& c : *conjunctions) {
    if (c.empty()) {
      plan.searches.clear();
      plan.error = SyntaxError{
          e.node(e.root).column,
          conjunctions->size() == 1
              ? "nothing to search: the expression has no positive term (NOT only filters what "
                "positive terms find)"
              : "an OR branch has no positive term to search for (NOT only filters)"};
      return plan;
    }
    std::string search;
    for (const auto& word : c) search += (search.empty() ? "" : " ") + word;
    if (std::find(plan.searches.begin(), plan.searches.end(), search) == plan.searches.end()) {
      plan.searches.push_back(std::move(search));
    }
  }
  return plan;
}

}  // namespace koubei::analysis::keywords
