#pragma once
// Dianping requests (platforms.md §2.4): a shop's review pages, HTML. Page 1 is `review_all`
// itself: asking for `/p1` directly draws a captcha (Sniper970119/dianping_spider review.py).

#include "crawler/requests/request_spec.hpp"

#include <cstdint>
#include <string_view>

namespace koubei::requests::dianping {

/// GET {web}/shop/{shop_id}/review_all (page 1) or .../review_all/p{n} (n ≥ 2), Referer the shop.
RequestSpec reviews_html(std::string_view web_url, std::string_view shop_id, std::uint32_t page);

}  // namespace koubei::requests::dianping
