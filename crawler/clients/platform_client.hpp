#pragma once
// PlatformClient: every request koubei sends to one platform, built from what the scheduler knows
// (a listing to walk, an item to complete, an author to look up) and from the platform's
// configuration (hosts, search route, whether a signer is configured). Pure: no IO, no clock read
// (time and randomness are arguments), so each walk is tested page by page against the sandbox.
//
// A listing is walked page by page, newest first:
//
//   auto walk = client.start(listing, now_ms, random31);   // Result<ListingWalk>
//   while (walk) {
//     RequestSpec spec = walk->request();                   // sign if spec.signing != kNone, fetch
//     ParseResult page = parser.parse(...);
//     if (!walk->advance(page)) break;                      // end of listing (or a failed page)
//   }
//
// Routes (platforms.md §2; docs/signer.md):
// - Weibo: search = m.weibo.cn search_api, real-time (type 61), or s.weibo.com search_html when
//   search_route = "html" or the listing has a time window (timescope, hour resolution, Beijing
//   time); timeline = timeline_api (107603{uid}, since_id); comments = hotflow (replies inline:
//   kReplies is unsupported); detail = detail_html. No signatures.
// - Xiaohongshu: search = search_api sorted time_descending with one search_id per walk (signed);
//   comments = comments_api, replies = sub_comments_api (signed); detail = feed_api with the
//   item's xsec_token when a signer is configured, else the unsigned note_html; author = user_api.
// - Douyin: search = search_api, latest first; a window's `since` picks the smallest publish_time
//   filter (1, 7, 180 days, else any) that covers it; the next page carries the previous page's
//   extra.logid as search_id (signed); comments = comments_api, replies = replies_api (signed);
//   detail = detail_api when signed, else video_html; author = user_api (signed).
// - Dianping: search is not a thing; kShopReviews walks /shop/{id}/review_all, /p2, … (HTML).
// Without a signer, a listing that needs one is refused with ClientErrc::kSignatureRequired (the
// caller reports `signature_required` once at start) and detail/author fall back to unsigned
// routes or to nothing.
//
// Thread safety: a PlatformClient is immutable after construction (any thread); a ListingWalk
// belongs to one job. Lifetime: a walk points at its client (REQUIRES: the client outlives it).
// Which request each listing, cursor and window gives: docs/clients.md.

#include "config/config.hpp"
#include "config/error.hpp"
#include "crawler/requests/request_spec.hpp"
#include "parsers/page.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

namespace koubei::clients {

enum class ClientErrc {
  kSignatureRequired = 1,  ///< the route needs a signature and the platform has no signer_url
  kUnsupported,            ///< the platform has no such listing (a Xiaohongshu timeline, …)
  kBadKey,                 ///< an empty keyword, user, shop or item id
  kBadCursor,              ///< a page's cursor cannot continue the walk (not a number, not ahead)
};

const std::error_category& client_category() noexcept;
std::error_code make_error_code(ClientErrc e) noexcept;

enum class ListingKind : std::uint8_t {
  kSearch,       ///< key = the keyword string sent to the platform
  kTimeline,     ///< key = a user id (Weibo)
  kShopReviews,  ///< key = a shop id (Dianping)
  kComments,     ///< key = the item's native id (+ xsec_token on Xiaohongshu)
  kReplies,      ///< key = the item's native id, comment_id = the root comment's native id
};

std::string_view to_string(ListingKind k);

struct Listing {
  ListingKind kind = ListingKind::kSearch;
  std::string key;
  std::string comment_id;  ///< kReplies
  std::string xsec_token;  ///< Xiaohongshu comments/replies of a note
  /// A backfill window [since, until) in Unix seconds; 0 = none (newest first, no filter).
  /// Weibo uses it as timescope (search_html); Douyin picks publish_time from `since`.
  std::int64_t since_unix = 0;
  std::int64_t until_unix = 0;
};

/// One walk over one listing: the request of the current page, and the step to the next.
class ListingWalk {
 public:
  /// The current page's request, unsigned.
  const requests::RequestSpec& request() const { return request_; }
  /// 1-based number of the current page.
  std::uint32_t page() const { return page_; }

  /// Builds the next page's request from the parsed current page. False when the listing ends
  /// (no cursor, or a verdict other than ok: a failed page never continues), or when the cursor
  /// cannot continue it (then error() says why).
  bool advance(const parsers::ParseResult& current);

  /// Why the last advance() stopped although the page had a cursor (ClientErrc::kBadCursor: a
  /// page that repeats or goes back would loop the walk); nullopt otherwise.
  const std::optional<Error>& error() const { return error_; }

  const Listing& listing() const { return listing_; }

 private:
  friend class PlatformClient;
  ListingWalk() = default;

  const class PlatformClient* client_ = nullptr;
  Listing listing_;
  requests::RequestSpec request_;
  std::uint32_t page_ = 1;
  std::string session_;  ///< XHS search_id (fixed per walk), Douyin extra.logid of the last page
  std::string cursor_;   ///< the cursor value the current request was built from ("" on page 1)
  std::int64_t started_ms_ = 0;  ///< now_ms at start(): Douyin's publish_time filter is fixed
  std::optional<Error> error_;
};

class PlatformClient {
 public:
  PlatformClient(config::PlatformId platform, config::PlatformConfig config);

  config::PlatformId platform() const { return platform_; }
  const config::PlatformConfig& config() const { return config_; }
  bool has_signer() const { return !config_.signer_url.empty(); }

  /// The first page of `listing`. now_ms and random31 seed what the web client would randomise
  /// (the XHS search_id).
  Result<ListingWalk> start(const Listing& listing, std::int64_t now_ms,
                            std::uint32_t random31) const;

  /// The request that completes an item the listing showed only in part (ParsedItem::truncated,
  /// every XHS search hit): Weibo detail_html, XHS feed_api or note_html, Douyin detail_api or
  /// video_html. nullopt when the platform has no such page.
  std::optional<requests::RequestSpec> detail(const parsers::ParsedItem& item) const;

  /// The author-profile request (XHS, Douyin user_api) for the author cache; nullopt when the
  /// platform has none or it cannot be sent (Douyin needs a signer; an unknown author id).
  std::optional<requests::RequestSpec> author(const model::Mention& mention) const;

 private:
  friend class ListingWalk;
  /// The request of the walk's current page (page_, cursor_, session_), or why there is none.
  Result<requests::RequestSpec> build(const ListingWalk& walk, const parsers::Cursor* next) const;
  /// kUnsupported / kBadKey / kSignatureRequired for a listing this client cannot walk.
  std::optional<Error> refuse(const Listing& listing) const;

  config::PlatformId platform_;
  config::PlatformConfig config_;
};

}  // namespace koubei::clients

template <>
struct std::is_error_code_enum<koubei::clients::ClientErrc> : std::true_type {};
