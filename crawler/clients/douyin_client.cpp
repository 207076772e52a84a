// Douyin listings (platforms.md §2.3), all signed: search latest first with offset cursors and the
// previous page's extra.logid as search_id, a publish_time filter chosen from the window's start;
// comments and replies with numeric cursors. Detail: detail_api (signed) else the video page;
// author: user/profile/other by sec_uid.
#include "crawler/clients/listing_page.hpp"
#include "crawler/requests/douyin_requests.hpp"

namespace koubei::clients::detail {
namespace {

constexpr auto kDouyin = config::PlatformId::kDouyin;
constexpr std::int64_t kDaySeconds = 86400;

using requests::douyin::PublishWithin;

// The smallest publish_time filter whose span (back from the walk's start) covers `since`: the
// platform counts days back from its own now, so a window start inside it is fully listed.
PublishWithin within_of(const Listing& l, std::int64_t started_ms) {
  if (l.since_unix <= 0) return PublishWithin::kAny;
  const std::int64_t back = started_ms / 1000 - l.since_unix;
  for (PublishWithin w : {PublishWithin::kDay, PublishWithin::kWeek, PublishWithin::kHalfYear}) {
    if (back <= static_cast<std::int64_t>(w) * kDaySeconds) return w;
  }
  return PublishWithin::kAny;
}

Result<std::uint64_t> position(const PageState& s) {
  if (s.first()) return std::uint64_t{0};
  return next_number(kDouyin, s, 0);
}

// A sec_uid is the base64 of a fixed header ("MS4wLjAB…"); a bare numeric uid cannot be looked up.
bool is_sec_uid(std::string_view id) {
  return id.starts_with("MS4wLjAB");
}

}  // namespace

Result<RequestSpec> douyin_page(const config::PlatformConfig& c, const PageState& s) {
  const Listing& l = s.listing;
  auto at = position(s);
  if (!at) return at.error();
  switch (l.kind) {
    case ListingKind::kSearch:
      return requests::douyin::search_api(c.base_url,
                                          c.web_url,
                                          l.key,
                                          *at,
                                          s.session,
                                          requests::douyin::Sort::kLatest,
                                          within_of(l, s.started_ms));
    case ListingKind::kComments:
      return requests::douyin::comments_api(c.base_url, c.web_url, l.key, *at);
    case ListingKind::kReplies:
      return requests::douyin::replies_api(c.base_url, c.web_url, l.key, l.comment_id, *at);
    case ListingKind::kTimeline:
    case ListingKind::kShopReviews:
      break;
  }
  return listing_error(ClientErrc::kUnsupported, kDouyin, l);
}

std::optional<RequestSpec> douyin_detail(const config::PlatformConfig& c,
                                         const parsers::ParsedItem& item,
                                         bool signed_ok) {
  if (item.mention.kind != model::Kind::kVideo) return std::nullopt;
  if (signed_ok) return requests::douyin::detail_api(c.base_url, c.web_url, item.mention.native_id);
  return requests::douyin::video_html(c.web_url, item.mention.native_id);
}

std::optional<RequestSpec> douyin_author(const config::PlatformConfig& c,
                                         const model::Mention& mention) {
  if (!is_sec_uid(*mention.author.id)) return std::nullopt;
  return requests::douyin::user_api(c.base_url, c.web_url, *mention.author.id);
}

}  // namespace koubei::clients::detail
