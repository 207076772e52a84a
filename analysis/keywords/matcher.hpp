#pragma once
// KeywordMatcher: applies a parsed keyword expression to an item's title + text, the filter that
// makes sure what reaches a sink really matches its query (cli.md).
//
// Matching is substring matching on folded text (text_folder.hpp): right for Chinese, which has no
// word boundaries, and case/width/script-insensitive. Title and text are searched as one text with
// a separator no term can contain. NEAR/n holds when some occurrence of one side ends at most n
// characters before some occurrence of the other begins (either order; overlaps count as 0).
//
// Thread safety: match() is const; a matcher may be shared. The folder must outlive the matcher.

#include <string>
#include <string_view>
#include <vector>

#include "analysis/keywords/expression.hpp"
#include "analysis/keywords/text_folder.hpp"

namespace koubei::analysis::keywords {

struct TermHit {
  std::string term;     ///< as written in the expression
  bool in_title = false;
  std::uint32_t begin = 0;  ///< byte offsets in the original title or text
  std::uint32_t end = 0;
};

struct MatchResult {
  bool matched = false;
  /// Positive terms (not under NOT) found, in expression order, each once. Empty unless matched.
  std::vector<std::string> terms;
  /// First occurrence of each of those terms, in the caller's bytes (for highlighting).
  std::vector<TermHit> hits;
};

class KeywordMatcher {
 public:
  /// REQUIRES: `folder` outlives the matcher.
  KeywordMatcher(Expression expression, const TextFolder& folder);

  MatchResult match(std::string_view title, std::string_view text) const;

  const Expression& expression() const { return expression_; }

 private:
  bool eval(std::size_t node, const std::u32string& hay) const;

  Expression expression_;
  const TextFolder* folder_;
  std::vector<std::u32string> folded_;  ///< per node: the folded term (kTerm only)
  std::vector<bool> positive_;          ///< per node: not under an odd number of NOTs
};

}  // namespace koubei::analysis::keywords
