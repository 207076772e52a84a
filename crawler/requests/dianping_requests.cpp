#include "crawler/requests/dianping_requests.hpp"

#include "crawler/requests/url_builder.hpp"

namespace koubei::requests::dianping {

RequestSpec reviews_html(std::string_view web_url, std::string_view shop_id, std::uint32_t page) {
  std::string shop = "/shop/" + percent_encode(shop_id);
  std::string path = shop + "/review_all";
  if (page >= 2) path += "/p" + std::to_string(page);
  RequestSpec r;
  r.page_type = parsers::PageType::kDianpingReviewsHtml;
  r.url = UrlBuilder(web_url, path).str();
  r.headers.emplace_back("Accept", "text/html,application/xhtml+xml");
  r.headers.emplace_back("Referer", UrlBuilder(web_url, shop).str());
  return r;
}

}  // namespace koubei::requests::dianping
