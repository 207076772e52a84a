#include "parsers/weibo/search_html.hpp"

#include "parsers/html/document.hpp"
#include "parsers/url_query.hpp"
#include "parsers/weibo/record_fields.hpp"
#include "parsers/weibo/search_html_card.hpp"
#include "parsers/weibo/signals.hpp"

#include <charconv>

namespace koubei::parsers::weibo {
namespace {

// "<div" or "</div" as a whole tag name at s[i] (s[i] == '<'); +1, -1, or 0 for another tag.
int div_step(std::string_view s, std::size_t i) {
  const bool closing = i + 1 < s.size() && s[i + 1] == '/';
  const std::size_t name = i + (closing ? 2 : 1);
  if (name + 3 >= s.size() || s.compare(name, 3, "div") != 0) return 0;
  const char after = s[name + 3];
  if (after != '>' && after != ' ' && after != '\t' && after != '\n' && after != '\r' &&
      after != '/') {
    return 0;
  }
  return closing ? -1 : 1;
}

// What the page's feed list holds.
struct FeedList {
  std::vector<const GumboNode*> cards;  // div.card-wrap[mid]
  bool no_result = false;               // div.card-no-result
  const GumboNode* next = nullptr;      // a.next
};

FeedList scan(const html::Document& doc) {
  FeedList list;
  doc.walk(doc.root(), [&](const GumboNode* node, std::uint32_t) {
    if (html::is_tag(node, GUMBO_TAG_DIV)) {
      if (html::has_class(node, "card-no-result")) list.no_result = true;
      if (html::has_class(node, "card-wrap") && !html::attr(node, "mid").empty()) {
        list.cards.push_back(node);
        return html::Visit::kSkipChildren;
      }
    } else if (html::is_tag(node, GUMBO_TAG_A) && html::has_class(node, "next") &&
               list.next == nullptr) {
      list.next = node;
    }
    return html::Visit::kDescend;
  });
  return list;
}

Cursor next_cursor(const FeedList& list, ParseResult& result) {
  if (list.next == nullptr) return Cursor{};
  const auto page = query_param(html::attr(list.next, "href"), "page");
  if (!page || !is_numeric_id(*page)) {
    result.diagnostics.push_back({"a.next", "pager link without a page number"});
    return Cursor{};
  }
  return Cursor{false, *page};
}

}  // namespace

std::string_view feedlist_region(std::string_view page) {
  const auto marker = page.find("id=\"pl_feedlist_index\"");
  if (marker == std::string_view::npos) return page;
  const auto open = page.rfind('<', marker);
  if (open == std::string_view::npos || div_step(page, open) != 1) return page;
  int depth = 0;
  for (std::size_t i = open; i != std::string_view::npos; i = page.find('<', i + 1)) {
    depth += div_step(page, i);
    if (depth != 0) continue;
    const auto close = page.find('>', i);
    if (close == std::string_view::npos) break;
    return page.substr(open, close + 1 - open);
  }
  return page.substr(open);
}

ParseResult parse_search_html(const Context& ctx) {
  if (auto verdict = transport_verdict(ctx.page)) return std::move(*verdict);
  if (auto verdict = foreign_page_verdict(ctx.page.body)) return std::move(*verdict);
  const html::Document doc(feedlist_region(ctx.page.body), ctx.limits);
  const FeedList list = scan(doc);
  if (list.cards.empty() && !list.no_result) {
    return verdict_only(Verdict::kUnrecognized,
                        "no div.card-wrap[mid] and no div.card-no-result on the page");
  }
  ParseResult result;
  PageBuilder page(result);
  Tally tally;
  for (const GumboNode* card : list.cards) {
    const std::string where = "div.card-wrap[" + std::to_string(tally.found++) + "]";
    if (add_search_card(ctx, page, doc, card, where)) ++tally.read;
  }
  if (doc.truncated()) result.diagnostics.push_back({"page", "DOM limits reached: page cut short"});
  settle_listing(result, tally, tally.read > 0 ? next_cursor(list, result) : Cursor{});
  if (result.verdict == Verdict::kEmpty) result.detail = "div.card-no-result";
  return result;
}

}  // namespace koubei::parsers::weibo
