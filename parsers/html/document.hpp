#pragma once
// A Gumbo-parsed HTML document with bounded, iterative traversal.
//
// Gumbo 0.10.1 has no depth limit of its own; koubei never recurses over its tree. walk() visits
// elements in document order with an explicit stack, stops descending at max_dom_depth and stops
// altogether after max_dom_nodes, and says so (truncated()), so a hostile page costs bounded time
// and stack. Text is taken from the source bytes of an element (Gumbo keeps offsets), so the same
// html_to_text rules apply to DOM pages as to HTML fragments in JSON.
//
// Lifetime: the document keeps views into `html`; the caller keeps the page body alive. Move-only.
// Thread safety: a document is used by one thread at a time.

#include <gumbo.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/page.hpp"

namespace koubei::parsers::html {

enum class Visit { kDescend, kSkipChildren, kStop };

class Document {
 public:
  Document(std::string_view html, const ParseLimits& limits);

  const GumboNode* root() const { return output_ ? output_->root : nullptr; }
  std::string_view source() const { return source_; }

  /// Visits every element under `from` (itself included) in document order. visit(node, depth)
  /// decides whether to descend. Bounded by the limits given at construction.
  void walk(const GumboNode* from,
            const std::function<Visit(const GumboNode*, std::uint32_t)>& visit) const;

  /// Every element under `from` for which pred is true (not descending into matches).
  std::vector<const GumboNode*> find_all(
      const GumboNode* from, const std::function<bool(const GumboNode*)>& pred) const;

  /// The first such element, or nullptr.
  const GumboNode* find_first(const GumboNode* from,
                              const std::function<bool(const GumboNode*)>& pred) const;

  /// The element's inner HTML as it stands in the source.
  std::string_view inner_source(const GumboNode* element) const;

  /// The element's visible text per normalize::html_to_text.
  std::string text(const GumboNode* element) const;

  /// A walk stopped at max_dom_nodes or skipped children below max_dom_depth.
  bool truncated() const { return truncated_; }

 private:
  struct Free {
    void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
  };
  std::string_view source_;
  std::unique_ptr<GumboOutput, Free> output_;
  ParseLimits limits_;
  mutable bool truncated_ = false;
};

/// The attribute's value, or "" when absent (also for non-elements).
std::string_view attr(const GumboNode* node, const char* name);

/// True when the class attribute holds `cls` as one of its space-separated tokens.
bool has_class(const GumboNode* node, std::string_view cls);

/// True for an element with that tag (lower-case name, e.g. "div").
bool is_tag(const GumboNode* node, GumboTag tag);

}  // namespace koubei::parsers::html
