#include "analysis/keywords/matcher.hpp"

#include <algorithm>

namespace koubei::analysis::keywords {
namespace {

constexpr char32_t kFieldSeparator = U'\n';  // folding turns every newline into a space

// Occurrence starts of needle in hay.
std::vector<std::size_t> occurrences(std::u32string_view hay, std::u32string_view needle) {
  std::vector<std::size_t> out;
  if (needle.empty()) return out;
  for (std::size_t at = hay.find(needle); at != std::u32string_view::npos;
       at = hay.find(needle, at + 1)) {
    out.push_back(at);
  }
  return out;
}

}  // namespace

KeywordMatcher::KeywordMatcher(Expression expression, const TextFolder& folder)
    : expression_(std::move(expression)), folder_(&folder) {
  const std::size_t n = expression_.nodes.size();
  folded_.resize(n);
  positive_.assign(n, true);
  for (std::size_t i = 0; i < n; ++i) {
    const Node& node = expression_.nodes[i];
    if (node.kind == NodeKind::kTerm) folded_[i] = folder.fold_chars(node.text);
  }
  // Children precede parents, so walking from the root down fixes every node's polarity.
  for (std::size_t i = n; i-- > 0;) {
    const Node& node = expression_.nodes[i];
    for (std::size_t c : node.children) {
      positive_[c] = node.kind == NodeKind::kNot ? !positive_[i] : positive_[i];
    }
  }
}

bool KeywordMatcher::eval(std::size_t i, const std::u32string& hay) const {
  const Node& n = expression_.nodes[i];
  switch (n.kind) {
    case NodeKind::kTerm: return hay.find(folded_[i]) != std::u32string::npos;
    case NodeKind::kNot: return !eval(n.children[0], hay);
    case NodeKind::kAnd:
      return std::all_of(n.children.begin(), n.children.end(),
                         [&](std::size_t c) { return eval(c, hay); });
    case NodeKind::kOr:
      return std::any_of(n.children.begin(), n.children.end(),
                         [&](std::size_t c) { return eval(c, hay); });
    case NodeKind::kNear: {
      const std::u32string& a = folded_[n.children[0]];
      const std::u32string& b = folded_[n.children[1]];
      const auto as = occurrences(hay, a);
      const auto bs = occurrences(hay, b);
      for (std::size_t x : as) {
        for (std::size_t y : bs) {
          const std::size_t gap = x < y ? (y > x + a.size() ? y - x - a.size() : 0)
                                        : (x > y + b.size() ? x - y - b.size() : 0);
          const std::u32string_view between(hay.data() + std::min(x, y),
                                            std::max(x, y) - std::min(x, y));
          if (gap <= n.distance && between.find(kFieldSeparator) == std::u32string_view::npos) {
            return true;
          }
        }
      }
      return false;
    }
  }
  return false;
}

MatchResult KeywordMatcher::match(std::string_view title, std::string_view text) const {
  const FoldedText t = folder_->fold(title);
  const FoldedText x = folder_->fold(text);
  std::u32string hay = t.chars;
  hay.push_back(kFieldSeparator);
  hay += x.chars;
  MatchResult r;
  r.matched = eval(expression_.root, hay);
  if (!r.matched) return r;
  for (std::size_t i = 0; i < expression_.nodes.size(); ++i) {
    const Node& node = expression_.nodes[i];
    if (node.kind != NodeKind::kTerm || !positive_[i]) continue;
    if (std::find(r.terms.begin(), r.terms.end(), node.text) != r.terms.end()) continue;
    const std::size_t at = hay.find(folded_[i]);
    if (at == std::u32string::npos) continue;
    const bool in_title = at < t.chars.size();
    const FoldedText& f = in_title ? t : x;
    const std::size_t begin = in_title ? at : at - t.chars.size() - 1;
    const std::size_t end = begin + folded_[i].size();
    r.terms.push_back(node.text);
    r.hits.push_back({node.text, in_title, f.offsets[begin], f.offsets[end]});
  }
  return r;
}

}  // namespace koubei::analysis::keywords
