#pragma once
// Collects one page's items and author facts, deduplicated: the same post can show up twice on a
// page (a repost's original next to its own search hit, two reposts of one original), and an
// author usually posts more than once. The first copy of an item wins; author facts are merged
// (a later copy fills what an earlier one lacked, e.g. followers).
//
// Lifetime: refers to the ParseResult it fills; use within one parse.

#include "parsers/page.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace koubei::parsers::weibo {

class PageBuilder {
 public:
  /// Room for the page's items up front: an item is about 1 KB, and moving the ones already
  /// added on every growth of the vector showed up in the throughput profile. Capped, so that a
  /// hostile page listing a million empty cards cannot reserve a gigabyte.
  explicit PageBuilder(ParseResult& result, std::size_t expected_items = 16) : result_(result) {
    result_.items.reserve(result_.items.size() + std::min<std::size_t>(expected_items, 64));
  }

  /// Adds the item unless an item with the same record id is already on the page.
  /// Returns false for a duplicate.
  bool add_item(ParsedItem&& item);

  /// Adds or merges the facts of one author (ignored when the id is empty).
  void add_author(AuthorFacts facts);

  /// A degraded field (the item is kept): not counted as skipped.
  void note(std::string where, std::string reason);

  ParseResult& result() { return result_; }

 private:
  ParseResult& result_;
  std::unordered_set<std::string> item_ids_;
};

/// How many items a listing page held and how many of them could be read.
struct Tally {
  std::size_t found = 0;
  std::size_t read = 0;
};

/// Sets the verdict of a listing page from its tally: nothing found → empty (the end of the list,
/// no cursor) unless `next` continues (then ok: a page the platform left empty mid-list); items
/// found but none readable → unrecognized (their layout changed); otherwise ok with `next`.
void settle_listing(ParseResult& result, const Tally& tally, Cursor next);

}  // namespace koubei::parsers::weibo
