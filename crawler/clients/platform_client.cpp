#include "crawler/clients/platform_client.hpp"

#include "crawler/clients/listing_page.hpp"
#include "crawler/requests/xiaohongshu_requests.hpp"

#include <charconv>
#include <string>

namespace koubei::clients {
namespace {

using config::PlatformId;

class Category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "koubei.clients"; }

  std::string message(int value) const override {
    switch (static_cast<ClientErrc>(value)) {
      case ClientErrc::kSignatureRequired:
        return "signature required: the route is signed and the platform has no signer_url";
      case ClientErrc::kUnsupported:
        return "the platform has no such listing";
      case ClientErrc::kBadKey:
        return "empty key (keyword, user, shop, item or comment id)";
      case ClientErrc::kBadCursor:
        return "the page's cursor cannot continue the listing";
    }
    return "unknown client error";
  }
};

// Which listings each platform has, and whether their routes are signed (platforms.md §2).
struct Route {
  bool exists = false;
  bool is_signed = false;
};

Route route_of(PlatformId platform, ListingKind kind) {
  switch (platform) {
    case PlatformId::kWeibo:
      // Replies arrive inline in hotflow comments: there is no reply listing to walk.
      return {kind == ListingKind::kSearch || kind == ListingKind::kTimeline ||
                  kind == ListingKind::kComments,
              false};
    case PlatformId::kXiaohongshu:
    case PlatformId::kDouyin:
      return {kind == ListingKind::kSearch || kind == ListingKind::kComments ||
                  kind == ListingKind::kReplies,
              true};
    case PlatformId::kDianping:
      return {kind == ListingKind::kShopReviews, false};
  }
  return {};
}

std::optional<std::uint64_t> parse_number(std::string_view text) {
  std::uint64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

const std::error_category& client_category() noexcept {
  static const Category category;
  return category;
}

std::error_code make_error_code(ClientErrc e) noexcept {
  return {static_cast<int>(e), client_category()};
}

std::string_view to_string(ListingKind k) {
  switch (k) {
    case ListingKind::kSearch:
      return "search";
    case ListingKind::kTimeline:
      return "timeline";
    case ListingKind::kShopReviews:
      return "shop_reviews";
    case ListingKind::kComments:
      return "comments";
    case ListingKind::kReplies:
      return "replies";
  }
  return "unknown";
}

namespace detail {

Error listing_error(ClientErrc code,
                    PlatformId platform,
                    const Listing& listing,
                    std::string_view why) {
  std::string where = std::string(config::to_string(platform)) + " " +
                      std::string(to_string(listing.kind)) + " \"" + listing.key + "\"";
  if (!listing.comment_id.empty()) where += " comment \"" + listing.comment_id + "\"";
  if (!why.empty()) where += ": " + std::string(why);
  return Error{make_error_code(code), std::move(where)};
}

Result<std::uint64_t> next_number(PlatformId platform, const PageState& s, std::uint64_t first) {
  const auto next = parse_number(s.next->value);
  if (!next) {
    return listing_error(ClientErrc::kBadCursor,
                         platform,
                         s.listing,
                         "cursor \"" + s.next->value + "\" is not a number");
  }
  const std::uint64_t current = s.current.empty() ? first : parse_number(s.current).value_or(first);
  if (*next <= current) {
    return listing_error(ClientErrc::kBadCursor,
                         platform,
                         s.listing,
                         "cursor " + s.next->value + " is not ahead of " + std::to_string(current));
  }
  return *next;
}

Result<std::string> next_token(PlatformId platform, const PageState& s) {
  if (s.next->value.empty() || s.next->value == s.current) {
    return listing_error(ClientErrc::kBadCursor,
                         platform,
                         s.listing,
                         "cursor \"" + s.next->value + "\" does not move the listing on");
  }
  return s.next->value;
}

}  // namespace detail

PlatformClient::PlatformClient(config::PlatformId platform, config::PlatformConfig config)
    : platform_(platform), config_(std::move(config)) {}

std::optional<Error> PlatformClient::refuse(const Listing& listing) const {
  const Route route = route_of(platform_, listing.kind);
  if (!route.exists) return detail::listing_error(ClientErrc::kUnsupported, platform_, listing);
  if (listing.key.empty() ||
      (listing.kind == ListingKind::kReplies && listing.comment_id.empty())) {
    return detail::listing_error(ClientErrc::kBadKey, platform_, listing);
  }
  if (route.is_signed && !has_signer()) {
    return detail::listing_error(ClientErrc::kSignatureRequired, platform_, listing);
  }
  return std::nullopt;
}

Result<requests::RequestSpec> PlatformClient::build(const ListingWalk& walk,
                                                    const parsers::Cursor* next) const {
  const detail::PageState state{
      walk.listing_,
      next == nullptr ? 1 : walk.page_ + 1,
      next == nullptr ? std::string_view{} : std::string_view(walk.cursor_),
      next,
      next != nullptr && !next->session.empty() ? std::string_view(next->session)
                                                : std::string_view(walk.session_),
      walk.started_ms_,
  };
  switch (platform_) {
    case PlatformId::kWeibo:
      return detail::weibo_page(config_, state);
    case PlatformId::kXiaohongshu:
      return detail::xiaohongshu_page(config_, state);
    case PlatformId::kDouyin:
      return detail::douyin_page(config_, state);
    case PlatformId::kDianping:
      return detail::dianping_page(config_, state);
  }
  return detail::listing_error(ClientErrc::kUnsupported, platform_, walk.listing_);
}

Result<ListingWalk> PlatformClient::start(const Listing& listing,
                                          std::int64_t now_ms,
                                          std::uint32_t random31) const {
  if (auto refused = refuse(listing)) return std::move(*refused);
  ListingWalk walk;
  walk.client_ = this;
  walk.listing_ = listing;
  walk.started_ms_ = now_ms;
  if (platform_ == PlatformId::kXiaohongshu && listing.kind == ListingKind::kSearch) {
    // One search_id per walk, as the web client keeps one per search session.
    walk.session_ =
        requests::xiaohongshu::make_search_id(static_cast<std::uint64_t>(now_ms), random31);
  }
  auto first = build(walk, nullptr);
  if (!first) return first.error();
  walk.request_ = std::move(*first);
  return walk;
}

bool ListingWalk::advance(const parsers::ParseResult& current) {
  error_.reset();
  if (client_ == nullptr || current.verdict != parsers::Verdict::kOk || current.next.end) {
    return false;
  }
  auto next = client_->build(*this, &current.next);
  if (!next) {
    error_ = next.error();
    return false;
  }
  request_ = std::move(*next);
  ++page_;
  cursor_ = current.next.value;
  if (!current.next.session.empty()) session_ = current.next.session;
  return true;
}

std::optional<requests::RequestSpec> PlatformClient::detail(const parsers::ParsedItem& item) const {
  if (item.mention.native_id.empty()) return std::nullopt;
  switch (platform_) {
    case PlatformId::kWeibo:
      return detail::weibo_detail(config_, item);
    case PlatformId::kXiaohongshu:
      return detail::xiaohongshu_detail(config_, item, has_signer());
    case PlatformId::kDouyin:
      return detail::douyin_detail(config_, item, has_signer());
    case PlatformId::kDianping:
      return std::nullopt;  // the review page shows the whole review
  }
  return std::nullopt;
}

std::optional<requests::RequestSpec> PlatformClient::author(const model::Mention& mention) const {
  // Weibo and Dianping pages carry what the author cache needs; the two user APIs are signed.
  if (!mention.author.id || mention.author.id->empty() || !has_signer()) return std::nullopt;
  switch (platform_) {
    case PlatformId::kXiaohongshu:
      return detail::xiaohongshu_author(config_, mention);
    case PlatformId::kDouyin:
      return detail::douyin_author(config_, mention);
    case PlatformId::kWeibo:
    case PlatformId::kDianping:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace koubei::clients
