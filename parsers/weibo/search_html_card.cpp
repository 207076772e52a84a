#include "parsers/weibo/search_html_card.hpp"

#include "parsers/normalize/count.hpp"
#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/spaces.hpp"
#include "parsers/normalize/verified.hpp"
#include "parsers/url_query.hpp"
#include "parsers/weibo/record_fields.hpp"
#include "parsers/weibo/user.hpp"

#include <vector>

namespace koubei::parsers::weibo {
namespace {

using html::attr;
using html::has_class;
using html::is_tag;
using html::Visit;

// The parts of a card koubei reads, found in one walk that skips the repost block.
struct CardNodes {
  const GumboNode* avator = nullptr;
  const GumboNode* name = nullptr;
  const GumboNode* content = nullptr;
  const GumboNode* content_full = nullptr;
  const GumboNode* from = nullptr;
  const GumboNode* forward = nullptr;
  const GumboNode* comment = nullptr;
  const GumboNode* like = nullptr;
  std::vector<const GumboNode*> piclists;
};

void note_link(CardNodes& n, const GumboNode* a) {
  const std::string_view action = attr(a, "action-type");
  if (action == "feed_list_forward" && !n.forward) n.forward = a;
  if (action == "feed_list_comment" && !n.comment) n.comment = a;
  if (action == "feed_list_like" && !n.like) n.like = a;
  if (has_class(a, "name") && !n.name) n.name = a;
}

Visit note_div(CardNodes& n, const GumboNode* div) {
  if (has_class(div, "card-comment")) return Visit::kSkipChildren;
  if (has_class(div, "avator") && !n.avator) n.avator = div;
  if (has_class(div, "from") && !n.from) n.from = div;
  if (has_class(div, "media-piclist")) n.piclists.push_back(div);
  return Visit::kDescend;
}

CardNodes collect(const html::Document& doc, const GumboNode* card) {
  CardNodes n;
  doc.walk(card, [&](const GumboNode* node, std::uint32_t) {
    if (is_tag(node, GUMBO_TAG_DIV)) return note_div(n, node);
    if (is_tag(node, GUMBO_TAG_P)) {
      const std::string_view type = attr(node, "node-type");
      if (type == "feed_list_content" && !n.content) n.content = node;
      if (type == "feed_list_content_full" && !n.content_full) n.content_full = node;
      return Visit::kSkipChildren;
    }
    if (is_tag(node, GUMBO_TAG_A)) note_link(n, node);
    return Visit::kDescend;
  });
  return n;
}

struct PostText {
  std::string text;
  bool unfold = false;  // the text ends in an "展开全文" (show the rest) link
};

std::string_view drop_suffix(std::string_view text, std::string_view suffix) {
  return text.ends_with(suffix) ? normalize::trim(text.substr(0, text.size() - suffix.size()))
                                : text;
}

PostText post_text(const html::Document& doc, const GumboNode* p) {
  PostText out;
  std::string_view inner = doc.inner_source(p);
  if (inner.empty()) return out;
  const GumboNode* fold = doc.find_first(p, [](const GumboNode* node) {
    return is_tag(node, GUMBO_TAG_A) &&
           (attr(node, "action-type") == "fl_unfold" || attr(node, "action-type") == "fl_fold");
  });
  if (fold != nullptr) {
    out.unfold = attr(fold, "action-type") == "fl_unfold";
    const auto begin = static_cast<std::size_t>(inner.data() - doc.source().data());
    const std::size_t at = fold->v.element.start_pos.offset;
    if (at >= begin && at - begin <= inner.size()) inner = inner.substr(0, at - begin);
  }
  std::string text = normalize::html_to_text(inner);
  static constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";
  for (auto at = text.find(kZeroWidthSpace); at != std::string::npos;
       at = text.find(kZeroWidthSpace, at)) {
    text.erase(at, kZeroWidthSpace.size());
  }
  std::string_view view = normalize::trim(text);
  if (view.ends_with("展开全文")) out.unfold = true;
  view = drop_suffix(drop_suffix(view, "展开全文"), "收起全文");
  out.text = std::string(view);
  return out;
}

std::vector<model::Media> pictures(const html::Document& doc, const CardNodes& n) {
  std::vector<model::Media> media;
  for (const GumboNode* list : n.piclists) {
    for (const GumboNode* img :
         doc.find_all(list, [](const GumboNode* node) { return is_tag(node, GUMBO_TAG_IMG); })) {
      if (auto url = absolute_url(attr(img, "src"))) {
        media.push_back({model::MediaType::kImage, std::move(*url)});
      }
    }
  }
  return media;
}

std::optional<std::int64_t> link_count(const html::Document& doc,
                                       const GumboNode* a,
                                       std::string_view field,
                                       FieldPlace place,
                                       bool& capped) {
  if (a == nullptr) return std::nullopt;
  const std::string shown = doc.text(a);
  return count_of(normalize::parse_count(shown), field, shown, place, capped, 0);
}

model::Author author_of(const html::Document& doc, const CardNodes& n) {
  model::Author author;
  if (n.name != nullptr) {
    if (const std::string_view uid = last_path_segment(attr(n.name, "href")); is_numeric_id(uid)) {
      author.id = std::string(uid);
      author.url = user_url(uid);
    }
    const std::string_view nick = normalize::trim(attr(n.name, "nick-name"));
    std::string name = nick.empty() ? doc.text(n.name) : std::string(nick);
    if (!name.empty()) author.name = std::move(name);
  }
  if (n.avator != nullptr) {
    const GumboNode* badge = doc.find_first(
        n.avator, [](const GumboNode* node) { return attr(node, "id").starts_with("woo_svg_"); });
    if (badge == nullptr) {
      author.verified_type = model::VerifiedType::kNone;
    } else {
      author.verified_type = normalize::weibo_badge_type(attr(badge, "id"));
    }
    if (author.verified_type) author.verified = normalize::is_verified(*author.verified_type);
  }
  return author;
}

}  // namespace

bool add_search_card(const Context& ctx,
                     PageBuilder& page,
                     const html::Document& doc,
                     const GumboNode* card,
                     const std::string& where) {
  const std::string_view mid = attr(card, "mid");
  if (!is_numeric_id(mid)) {
    skip_item(page.result(), where, "missing or non-numeric mid");
    return false;
  }
  const CardNodes n = collect(doc, card);
  const FieldPlace place{page, where};
  ParsedItem item;
  model::Mention& m = item.mention;
  m = new_mention(ctx, model::Kind::kPost);
  m.native_id = std::string(mid);
  m.url = post_url(mid);
  PostText text = n.content_full ? post_text(doc, n.content_full) : PostText{};
  if (text.text.empty() && n.content != nullptr) {
    text = post_text(doc, n.content);
    item.truncated = text.unfold;
  }
  m.text = std::move(text.text);
  m.tags = normalize::extract_topics(m.text);
  m.media = pictures(doc, n);
  if (n.from != nullptr) {
    const GumboNode* time =
        doc.find_first(n.from, [](const GumboNode* node) { return is_tag(node, GUMBO_TAG_A); });
    if (time != nullptr) set_created_at(m, doc.text(time), place);
  }
  bool capped = false;
  m.metrics.shares = link_count(doc, n.forward, "feed_list_forward", place, capped);
  m.metrics.comments = link_count(doc, n.comment, "feed_list_comment", place, capped);
  m.metrics.likes = link_count(doc, n.like, "feed_list_like", place, capped);
  m.metrics_capped = capped;
  m.author = author_of(doc, n);
  page.add_author(facts_of(m.author));
  page.add_item(std::move(item));
  return true;
}

}  // namespace koubei::parsers::weibo
