// Weibo listings (platforms.md §2.1): m.weibo.cn search (real-time, page numbers), s.weibo.com
// search with a timescope window (page numbers), the 107603 timeline (since_id), hotflow comments
// ("max_id:max_id_type"); the detail page for long posts.
#include "crawler/clients/listing_page.hpp"
#include "crawler/requests/weibo_requests.hpp"

#include <algorithm>

namespace koubei::clients::detail {
namespace {

constexpr auto kWeibo = config::PlatformId::kWeibo;

constexpr std::int64_t kHourSeconds = 3600;

// The window's end: `until`, or (0) just after the walk's start, so a window open at the end
// still reaches now.
std::int64_t until_of(const PageState& s) {
  return s.listing.until_unix > 0 ? s.listing.until_unix : s.started_ms / 1000 + 1;
}

bool windowed(const PageState& s) {
  return s.listing.since_unix > 0 && until_of(s) > s.listing.since_unix;
}

// s.weibo.com reads `custom:A:B` as the hours A through B inclusive: the hour of the window's last
// second (until − 1) is B. Both ends widen to whole hours; the caller keeps what falls inside.
// Beijing is a whole number of hours from UTC, so hours are floored in Unix time. The builder
// drops a window whose ends are equal, so B is at least one second past A's hour start.
requests::weibo::Timescope timescope_of(const PageState& s) {
  const std::int64_t since = s.listing.since_unix;
  const std::int64_t hour_start = since - since % kHourSeconds;
  return {hour_start, std::max(until_of(s) - 1, hour_start + 1)};
}

Result<RequestSpec> search(const config::PlatformConfig& c, const PageState& s) {
  std::uint32_t page = 1;
  if (!s.first()) {
    auto n = next_number(kWeibo, s, 1);
    if (!n) return n.error();
    page = static_cast<std::uint32_t>(std::min<std::uint64_t>(*n, UINT32_MAX));
  }
  if (windowed(s)) {
    return requests::weibo::search_html(c.web_url, s.listing.key, page, timescope_of(s));
  }
  if (c.search_route == config::SearchRoute::kHtml) {
    return requests::weibo::search_html(c.web_url, s.listing.key, page);
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
