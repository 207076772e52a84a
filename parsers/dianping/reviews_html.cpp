#include "parsers/dianping/reviews_html.hpp"

#include "parsers/dianping/page_cut.hpp"
#include "parsers/dianping/page_verdict.hpp"
#include "parsers/dianping/review_fields.hpp"
#include "parsers/dianping/review_item.hpp"
#include "parsers/html/document.hpp"
#include "parsers/normalize/spaces.hpp"

#include <vector>

namespace koubei::parsers::dianping {
namespace {

using html::Visit;

bool is_list_item_of(const GumboNode* node, const GumboNode* list) {
  if (list == nullptr || !html::is_tag(node, GUMBO_TAG_LI)) return false;
  const GumboNode* ul = node->parent;
  return html::is_tag(ul, GUMBO_TAG_UL) && ul->parent == list;
}

/// The review elements: `li` of `.reviews-items > ul`, or `.main-review` (not nested in those).
std::vector<const GumboNode*> review_elements(const html::Document& doc, const GumboNode* list) {
  return doc.find_all(list != nullptr ? list : doc.root(), [list](const GumboNode* node) {
    return is_list_item_of(node, list) || html::has_class(node, "main-review");
  });
}

Shop read_shop(const Context& ctx,
               const html::Document& doc,
               const GumboNode* list,
               ParseResult& result) {
  Shop shop;
  if (const std::string_view id = shop_id(ctx.page.url); !id.empty()) shop.id = std::string(id);
  const GumboNode* name = nullptr;
  doc.walk(doc.root(), [&](const GumboNode* node, std::uint32_t) {
    if (node == list || html::has_class(node, "main-review")) return Visit::kSkipChildren;
    if (!html::has_class(node, "shop-name")) return Visit::kDescend;
    name = node;
    return Visit::kStop;
  });
  if (name != nullptr) {
    std::string text = element_text(ctx, doc, name, result);
    if (!text.empty()) shop.name = std::move(text);
  }
  return shop;
}

void add_author(ParseResult& result, const model::Author& author) {
  if (!author.id) return;
  for (const AuthorFacts& known : result.authors) {
    if (known.id == *author.id) return;
  }
  AuthorFacts facts;
  facts.platform = model::Platform::kDianping;
  facts.id = *author.id;
  facts.name = author.name;
  result.authors.push_back(std::move(facts));
}

/// A container without reviews that says so ("暂无点评") or holds an empty list.
bool shows_no_reviews(const html::Document& doc, const GumboNode* list) {
  if (list == nullptr) return false;
  if (doc.text(list).find("暂无") != std::string::npos) return true;
  const GumboNode* ul =
      doc.find_first(list, [](const GumboNode* node) { return html::is_tag(node, GUMBO_TAG_UL); });
  if (ul == nullptr) return false;
  const GumboVector& children = ul->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (static_cast<const GumboNode*>(children.data[i])->type == GUMBO_NODE_ELEMENT) return false;
  }
  return true;
}

Cursor next_page(const Context& ctx, const html::Document& doc, ParseResult& result) {
  const GumboNode* link = doc.find_first(
      doc.root(), [](const GumboNode* node) { return html::has_class(node, "NextPage"); });
  if (link == nullptr) return {};
  std::optional<std::uint32_t> next = review_page(html::attr(link, "href"));
  if (!next) next = page_number(normalize::trim(html::attr(link, "data-pg")));
  if (!next) next = page_number(doc.text(link));
  const std::uint32_t current = review_page(ctx.page.url).value_or(1);
  if (!next || *next <= current) {
    result.diagnostics.push_back({"a.NextPage",
                                  "no page number after the current page " +
                                      std::to_string(current) + ": paging ends here"});
    return {};
  }
  return Cursor{false, std::to_string(*next)};
}

}  // namespace

ParseResult parse_reviews_html(const Context& ctx) {
  if (auto verdict = transport_verdict(ctx.page)) return std::move(*verdict);
  const PageCut cut = cut_review_page(ctx.page.body);
  if (!cut.mentions_reviews) return body_verdict(ctx);

  const html::Document doc(cut.html(), ctx.limits);
  const GumboNode* list = doc.find_first(
      doc.root(), [](const GumboNode* node) { return html::has_class(node, "reviews-items"); });
  const std::vector<const GumboNode*> reviews = review_elements(doc, list);
  if (list == nullptr && reviews.empty()) return body_verdict(ctx);
  ParseResult result;
  const Shop shop = read_shop(ctx, doc, list, result);
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    const std::string where = "li.main-review[" + std::to_string(i) + "]";
    if (auto item = map_review(ctx, doc, reviews[i], shop, where, result)) {
      add_author(result, item->mention.author);
      result.items.push_back(std::move(*item));
    }
  }
  if (doc.truncated()) {
    result.diagnostics.push_back({"page", "DOM limits reached: reviews beyond them are missing"});
  }
  if (reviews.empty()) {
    const bool empty = shows_no_reviews(doc, list);
    result.verdict = empty ? Verdict::kEmpty : Verdict::kUnrecognized;
    result.detail = empty ? "no reviews" : "reviews container without review items";
    return result;
  }
  result.verdict = Verdict::kOk;
  result.next = next_page(ctx, doc, result);
  return result;
}

}  // namespace koubei::parsers::dianping
