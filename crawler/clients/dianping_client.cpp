// Dianping (platforms.md §2.4): a shop's review pages, review_all then /p2, /p3, … as the page's
// a.NextPage says. No signatures, no search.
#include "crawler/clients/listing_page.hpp"
#include "crawler/requests/dianping_requests.hpp"

namespace koubei::clients::detail {

Result<RequestSpec> dianping_page(const config::PlatformConfig& c, const PageState& s) {
  constexpr auto kDianping = config::PlatformId::kDianping;
  if (s.listing.kind != ListingKind::kShopReviews) {
    return listing_error(ClientErrc::kUnsupported, kDianping, s.listing);
  }
  std::uint64_t page = 1;
  if (!s.first()) {
    auto n = next_number(kDianping, s, 1);
    if (!n) return n.error();
    page = *n;
  }
  return requests::dianping::reviews_html(
      c.web_url,
      s.listing.key,
      static_cast<std::uint32_t>(std::min<std::uint64_t>(page, UINT32_MAX)));
}

}  // namespace koubei::clients::detail
