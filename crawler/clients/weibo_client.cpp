// Weibo listings (platforms.md §2.1): m.weibo.cn search (real-time, page numbers), s.weibo.com
// search with a timescope window (page numbers), the 107603 timeline (since_id), hotflow comments
// ("max_id:max_id_type"); the detail page for long posts.
#include "crawler/clients/listing_page.hpp"
#include "crawler/requests/weibo_requests.hpp"

namespace koubei::clients::detail {
namespace {

constexpr auto kWeibo = config::PlatformId::kWeibo;

// s.weibo.com reads `custom:A:B` as the hours A through B inclusive: the window's last second
// (until − 1) names the last hour. Both ends are widened to whole hours; the caller keeps what
// falls inside its window.
requests::weibo::Timescope timescope_of(const Listing& l) {
  if (l.since_unix <= 0 || l.until_unix <= l.since_unix) return {};
  return {l.since_unix, l.until_unix - 1};
}

bool windowed(const Listing& l) {
  return l.since_unix > 0 && l.until_unix > l.since_unix;
}

Result<RequestSpec> search(const config::PlatformConfig& c, const PageState& s) {
  std::uint32_t page = 1;
  if (!s.first()) {
    auto n = next_number(kWeibo, s, 1);
    if (!n) return n.error();
    page = static_cast<std::uint32_t>(std::min<std::uint64_t>(*n, UINT32_MAX));
  }
  if (c.search_route == config::SearchRoute::kHtml || windowed(s.listing)) {
    return requests::weibo::search_html(c.web_url, s.listing.key, page, timescope_of(s.listing));
  }
  return requests::weibo::search_api(
      c.base_url, s.listing.key, page, requests::weibo::SearchType::kRealTime);
}

// since_id and max_id cursors are opaque tokens handed back as they came.
Result<std::string> token(const PageState& s) {
  if (s.first()) return std::string();
  return next_token(kWeibo, s);
}

}  // namespace

Result<RequestSpec> weibo_page(const config::PlatformConfig& c, const PageState& s) {
  switch (s.listing.kind) {
    case ListingKind::kSearch:
      return search(c, s);
    case ListingKind::kTimeline: {
      auto since_id = token(s);
      if (!since_id) return since_id.error();
      return requests::weibo::timeline_api(c.base_url, s.listing.key, *since_id);
    }
    case ListingKind::kComments: {
      auto max_id = token(s);
      if (!max_id) return max_id.error();
      return requests::weibo::comments_api(c.base_url, s.listing.key, *max_id);
    }
    case ListingKind::kReplies:
    case ListingKind::kShopReviews:
      break;
  }
  return listing_error(ClientErrc::kUnsupported, kWeibo, s.listing);
}

std::optional<RequestSpec> weibo_detail(const config::PlatformConfig& c,
                                        const parsers::ParsedItem& item) {
  if (item.mention.kind != model::Kind::kPost) return std::nullopt;
  return requests::weibo::detail_html(c.base_url, item.mention.native_id);
}

}  // namespace koubei::clients::detail
