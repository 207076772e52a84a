#include "parsers/dianping/review_item.hpp"

#include "parsers/dianping/chars.hpp"
#include "parsers/dianping/glyphs.hpp"
#include "parsers/dianping/review_fields.hpp"
#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/spaces.hpp"
#include "parsers/normalize/time.hpp"

#include <algorithm>
#include <vector>

namespace koubei::parsers::dianping {
namespace {

using html::Visit;

constexpr std::string_view kReviewUrl = "https://www.dianping.com/review/";
constexpr std::string_view kMemberUrl = "https://www.dianping.com/member/";

/// The elements of one review the mapping reads (the first of each, in document order).
struct ReviewNodes {
  const GumboNode* name = nullptr;
  const GumboNode* stars = nullptr;
  const GumboNode* words = nullptr;       // div.review-words
  const GumboNode* full_words = nullptr;  // div.review-words.Hide: the unfolded long text
  const GumboNode* truncated_words = nullptr;
  const GumboNode* time = nullptr;
  const GumboNode* actions = nullptr;
  const GumboNode* pictures = nullptr;
};

void keep_first(const GumboNode*& slot, const GumboNode* node) {
  if (slot == nullptr) slot = node;
}

ReviewNodes find_nodes(const html::Document& doc, const GumboNode* item) {
  ReviewNodes n;
  doc.walk(item, [&](const GumboNode* node, std::uint32_t) {
    using html::has_class;
    if (has_class(node, "shop-reply") || has_class(node, "shop-reply-content") ||
        has_class(node, "review-recommend")) {
      return Visit::kSkipChildren;
    }
    if (has_class(node, "review-words")) {
      keep_first(has_class(node, "Hide") ? n.full_words : n.words, node);
    } else if (has_class(node, "review-truncated-words")) {
      keep_first(n.truncated_words, node);
    } else if (has_class(node, "name")) {
      keep_first(n.name, node);
    } else if (has_class(node, "time")) {
      keep_first(n.time, node);
    } else if (has_class(node, "actions")) {
      keep_first(n.actions, node);
    } else if (has_class(node, "review-pictures")) {
      keep_first(n.pictures, node);
    } else {
      if (n.stars == nullptr && star_digits(html::attr(node, "class"))) n.stars = node;
      return Visit::kDescend;
    }
    return Visit::kSkipChildren;
  });
  return n;
}

/// The first `a[data-id]` of the actions area, if it is a usable id.
std::string_view review_id(const html::Document& doc, const GumboNode* actions) {
  const GumboNode* a = doc.find_first(actions, [](const GumboNode* node) {
    return html::is_tag(node, GUMBO_TAG_A) && !html::attr(node, "data-id").empty();
  });
  const std::string_view id = normalize::trim(html::attr(a, "data-id"));
  return is_id(id) ? id : std::string_view();
}

/// What every field reader of one review shares: the page, where the review is, the result
/// that collects diagnostics and unknown glyphs.
struct FieldReader {
  const Context& ctx;
  const html::Document& doc;
  const std::string& where;
  ParseResult& result;

  std::string text(const GumboNode* element) const {
    return element_text(ctx, doc, element, result);
  }

  /// A degraded field: the review is kept, the reason is recorded.
  void degraded(std::string reason) const {
    result.diagnostics.push_back({where, std::move(reason)});
  }
};

/// text without a trailing link label ("收起评价"), trimmed.
std::string without_suffix(std::string text, std::string_view label) {
  std::string_view t = normalize::trim(text);
  if (t.ends_with(label)) t = normalize::trim(t.substr(0, t.size() - label.size()));
  return std::string(t);
}

void set_text(const FieldReader& r, const ReviewNodes& n, ParsedItem& item) {
  model::Mention& m = item.mention;
  if (const GumboNode* words = n.full_words != nullptr ? n.full_words : n.words) {
    m.text = without_suffix(r.text(words), "收起评价");
  } else if (n.truncated_words != nullptr) {
    m.text = without_suffix(r.text(n.truncated_words), "展开评价");
    item.truncated = true;
  } else {
    r.degraded("no review text (div.review-words)");
  }
  m.tags = normalize::extract_topics(m.text);
}

void set_author(const FieldReader& r, const GumboNode* name, model::Author& author) {
  if (name == nullptr) return;
  std::string shown = r.text(name);
  if (!shown.empty()) author.name = std::move(shown);
  const std::string_view id = member_id(html::attr(name, "href"));
  if (id.empty()) return;
  author.id = std::string(id);
  author.url = std::string(kMemberUrl) + std::string(id);
}

void set_rating(const FieldReader& r, const GumboNode* stars, model::Mention& m) {
  if (stars == nullptr) return;
  const std::string_view digits = star_digits(html::attr(stars, "class")).value_or("");
  m.rating = star_rating(digits);
  if (!m.rating) r.degraded("star class \"sml-str" + std::string(digits) + "\" is not 0..50");
}

void set_time(const FieldReader& r, const GumboNode* time, model::Mention& m) {
  if (time == nullptr) {
    r.degraded("no span.time");
    return;
  }
  const std::string shown = r.text(time);
  if (const auto t = normalize::parse_time(review_time_text(shown), r.ctx.page.fetched_at)) {
    m.created_at = t->at;
    m.created_at_precision = t->precision;
  } else {
    r.degraded("created_at \"" + shown + "\" not understood");
  }
}

std::optional<std::int64_t> count_of(const FieldReader& r,
                                     const normalize::CountValue& c,
                                     std::string_view label,
                                     bool& capped) {
  using Status = normalize::CountValue::Status;
  if (c.status == Status::kNumber) {
    capped = capped || c.capped;
    return c.value;
  }
  if (c.status != Status::kEmpty) r.degraded(std::string(label) + " count not understood");
  return std::nullopt;
}

void set_metrics(const FieldReader& r, const GumboNode* actions, model::Mention& m) {
  const std::string text = r.text(actions);
  m.metrics.likes = count_of(r, action_count(text, "赞"), "赞", m.metrics_capped);
  m.metrics.comments = count_of(r, action_count(text, "回应"), "回应", m.metrics_capped);
}

void set_media(const html::Document& doc, const GumboNode* pictures, model::Mention& m) {
  if (pictures == nullptr) return;
  const auto links = doc.find_all(pictures, [](const GumboNode* node) {
    return html::is_tag(node, GUMBO_TAG_A) && !html::attr(node, "href").empty();
  });
  for (const GumboNode* a : links) {
    std::string url = absolute_url(html::attr(a, "href"));
    const bool seen = std::any_of(m.media.begin(), m.media.end(), [&](const model::Media& media) {
      return media.url == url;
    });
    if (!url.empty() && !seen) m.media.push_back({model::MediaType::kImage, std::move(url)});
  }
}

}  // namespace

std::string element_text(const Context& ctx,
                         const html::Document& doc,
                         const GumboNode* element,
                         ParseResult& result) {
  return glyph_text(doc.inner_source(element), ctx.glyphs, result.unknown_glyphs);
}

std::optional<ParsedItem> map_review(const Context& ctx,
                                     const html::Document& doc,
                                     const GumboNode* item,
                                     const Shop& shop,
                                     const std::string& where,
                                     ParseResult& result) {
  const ReviewNodes n = find_nodes(doc, item);
  const std::string_view id = review_id(doc, n.actions);
  if (id.empty()) {
    skip_item(result, where, "no review id (.actions a[data-id])");
    return std::nullopt;
  }
  ParsedItem out;
  model::Mention& m = out.mention;
  m = new_mention(ctx, model::Kind::kReview);
  m.native_id = std::string(id);
  m.url = std::string(kReviewUrl) + m.native_id;
  m.title = shop.name;
  if (shop.id || shop.name) m.target = model::Target{shop.id, shop.name};
  const FieldReader reader{ctx, doc, where, result};
  set_text(reader, n, out);
  set_author(reader, n.name, m.author);
  set_rating(reader, n.stars, m);
  set_time(reader, n.time, m);
  set_metrics(reader, n.actions, m);
  set_media(doc, n.pictures, m);
  return out;
}

}  // namespace koubei::parsers::dianping
