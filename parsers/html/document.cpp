#include "parsers/html/document.hpp"

#include "parsers/normalize/html_text.hpp"

namespace koubei::parsers::html {

Document::Document(std::string_view html, const ParseLimits& limits)
    : source_(html), limits_(limits) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // error records cost time and memory; pages are judged by content
  output_.reset(gumbo_parse_with_options(&options, html.data(), html.size()));
}

void Document::walk(const GumboNode* from,
                    const std::function<Visit(const GumboNode*, std::uint32_t)>& visit) const {
  if (from == nullptr || from->type != GUMBO_NODE_ELEMENT) return;
  struct Frame {
    const GumboNode* node;
    std::uint32_t depth;
  };
  std::vector<Frame> stack{{from, 0}};
  std::uint32_t visited = 0;
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    if (++visited > limits_.max_dom_nodes) {
      truncated_ = true;
      return;
    }
    const Visit v = visit(frame.node, frame.depth);
    if (v == Visit::kStop) return;
    if (v == Visit::kSkipChildren) continue;
    if (frame.depth + 1 > limits_.max_dom_depth) {
      truncated_ = true;
      continue;
    }
    const GumboVector& children = frame.node->v.element.children;
    // Pushed in reverse so that they pop in document order.
    for (unsigned i = children.length; i-- > 0;) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
        stack.push_back({child, frame.depth + 1});
      }
    }
  }
}

std::vector<const GumboNode*> Document::find_all(
    const GumboNode* from, const std::function<bool(const GumboNode*)>& pred) const {
  std::vector<const GumboNode*> out;
  walk(from, [&](const GumboNode* node, std::uint32_t) {
    if (!pred(node)) return Visit::kDescend;
    out.push_back(node);
    return Visit::kSkipChildren;
  });
  return out;
}

const GumboNode* Document::find_first(const GumboNode* from,
                                      const std::function<bool(const GumboNode*)>& pred) const {
  const GumboNode* found = nullptr;
  walk(from, [&](const GumboNode* node, std::uint32_t) {
    if (!pred(node)) return Visit::kDescend;
    found = node;
    return Visit::kStop;
  });
  return found;
}

std::string_view Document::inner_source(const GumboNode* element) const {
  if (element == nullptr || element->type != GUMBO_NODE_ELEMENT) return {};
  const GumboElement& e = element->v.element;
  const std::size_t begin = e.start_pos.offset + e.original_tag.length;
  std::size_t end = e.end_pos.offset;
  // An element closed implicitly (no end tag) ends where its last child ends.
  if (e.original_end_tag.length == 0 && e.children.length > 0) {
    const auto* last = static_cast<const GumboNode*>(e.children.data[e.children.length - 1]);
    if (last->type == GUMBO_NODE_ELEMENT) {
      end = last->v.element.end_pos.offset + last->v.element.original_end_tag.length;
    } else if (last->type == GUMBO_NODE_TEXT || last->type == GUMBO_NODE_WHITESPACE) {
      end = last->v.text.start_pos.offset + last->v.text.original_text.length;
    }
  }
  if (begin > source_.size() || end > source_.size() || end < begin) return {};
  return source_.substr(begin, end - begin);
}

std::string Document::text(const GumboNode* element) const {
  return normalize::html_to_text(inner_source(element));
}

std::string_view attr(const GumboNode* node, const char* name) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

bool has_class(const GumboNode* node, std::string_view cls) {
  std::string_view classes = attr(node, "class");
  while (!classes.empty()) {
    const auto space = classes.find_first_of(" \t\n\r\f");
    const std::string_view token = classes.substr(0, space);
    if (token == cls) return true;
    if (space == std::string_view::npos) break;
    classes.remove_prefix(space + 1);
  }
  return false;
}

bool is_tag(const GumboNode* node, GumboTag tag) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

}  // namespace koubei::parsers::html
