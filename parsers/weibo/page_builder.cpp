#include "parsers/weibo/page_builder.hpp"

namespace koubei::parsers::weibo {

bool PageBuilder::add_item(ParsedItem&& item) {
  if (!item_ids_.insert(item.mention.id()).second) return false;
  result_.items.push_back(std::move(item));
  return true;
}

void PageBuilder::add_author(AuthorFacts facts) {
  if (facts.id.empty()) return;
  for (auto& known : result_.authors) {
    if (known.id != facts.id) continue;
    if (!known.name) known.name = std::move(facts.name);
    if (!known.followers) known.followers = facts.followers;
    if (!known.verified_type) known.verified_type = facts.verified_type;
    return;
  }
  result_.authors.push_back(std::move(facts));
}

void PageBuilder::note(std::string where, std::string reason) {
  result_.diagnostics.push_back({std::move(where), std::move(reason)});
}

void settle_listing(ParseResult& result, const Tally& tally, Cursor next) {
  if (tally.found == 0 && !next.end) {
    result.verdict = Verdict::kOk;
    result.detail = "no items on this page; the listing continues";
    result.next = std::move(next);
  } else if (tally.found == 0) {
    result.verdict = Verdict::kEmpty;
    result.detail = "no items on the page";
    result.next = Cursor{};
  } else if (tally.read == 0) {
    // A repost's original may have been read on its own; a page that failed is all or nothing.
    result.items.clear();
    result.authors.clear();
    result.verdict = Verdict::kUnrecognized;
    result.detail = "none of the " + std::to_string(tally.found) + " items could be read";
    result.next = Cursor{};
  } else {
    result.verdict = Verdict::kOk;
    result.next = std::move(next);
  }
}

}  // namespace koubei::parsers::weibo
