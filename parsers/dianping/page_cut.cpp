#include "parsers/dianping/page_cut.hpp"

#include "parsers/dianping/chars.hpp"

#include <algorithm>

namespace koubei::parsers::dianping {
namespace {

constexpr std::size_t kMaxHeader = 16 * 1024;  // a shop header longer than this is not a header

/// The element starting with the tag at page[lt], up to and including its end tag; "" when the
/// end tag is missing or too far away.
std::string_view element_at(std::string_view page, std::size_t lt) {
  std::size_t end = lt + 1;
  while (end < page.size() && is_id_char(page[end]))
    ++end;
  const std::string close = "</" + std::string(page.substr(lt + 1, end - lt - 1)) + ">";
  const auto at = page.find(close, end);
  if (at == std::string_view::npos || at + close.size() - lt > kMaxHeader) return {};
  return page.substr(lt, at + close.size() - lt);
}

}  // namespace

std::size_t find_marked_tag(std::string_view page, std::string_view token, std::size_t from) {
  if (token.empty()) return std::string_view::npos;
  std::size_t last_angle = std::string_view::npos;  // the last '<' or '>' before `scanned`
  std::size_t scanned = std::min(from, page.size());
  for (auto p = page.find(token, scanned); p != std::string_view::npos;
       p = page.find(token, p + 1)) {
    // Each byte is scanned once for angle brackets, so this stays linear however many times the
    // token occurs.
    const auto angle = page.substr(scanned, p - scanned).find_last_of("<>");
    if (angle != std::string_view::npos) last_angle = scanned + angle;
    scanned = p;
    const std::size_t after = p + token.size();
    if ((p > 0 && is_id_char(page[p - 1])) || (after < page.size() && is_id_char(page[after]))) {
      continue;
    }
    if (last_angle != std::string_view::npos && page[last_angle] == '<' &&
        last_angle + 1 < page.size() && is_ascii_alpha(page[last_angle + 1])) {
      return last_angle;
    }
  }
  return std::string_view::npos;
}

PageCut cut_review_page(std::string_view page) {
  PageCut cut;
  cut.page = page;
  const std::size_t start =
      std::min(find_marked_tag(page, "reviews-items"), find_marked_tag(page, "main-review"));
  if (start == std::string_view::npos) {
    cut.mentions_reviews = page.find("reviews-items") != std::string_view::npos ||
                           page.find("main-review") != std::string_view::npos;
    return cut;
  }
  cut.cut = true;
  cut.mentions_reviews = true;
  // The region ends with the last pager (a pager above the list, if any, must not end it).
  std::size_t end = page.size();
  constexpr std::string_view kDivEnd = "</div>";
  for (auto pager = find_marked_tag(page, "reviews-pages", start); pager != std::string_view::npos;
       pager = find_marked_tag(page, "reviews-pages", end)) {
    const auto close = page.find(kDivEnd, pager);
    if (close == std::string_view::npos) {
      end = page.size();
      break;
    }
    end = close + kDivEnd.size();
  }
  const std::string_view before = page.substr(0, start);
  const auto shop = find_marked_tag(before, "shop-name");
  const std::string_view header =
      shop == std::string_view::npos ? std::string_view() : element_at(before, shop);
  cut.storage.reserve(header.size() + end - start);
  cut.storage.append(header);
  cut.storage.append(page.substr(start, end - start));
  return cut;
}

}  // namespace koubei::parsers::dianping
