#pragma once
// Weibo requests (platforms.md §2.1): m.weibo.cn JSON (search, timeline, comments), the detail page
// that carries the full text of long posts, and s.weibo.com HTML search with `timescope` windows.
// No signatures; cookies are attached by the scheduler per account. Pure builders.

#include "crawler/requests/request_spec.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace koubei::requests::weibo {

/// containerid search type: 61 real-time (newest first; what incremental crawling needs),
/// 1 comprehensive, 60 hot, 64 video.
enum class SearchType : int { kComprehensive = 1, kHot = 60, kRealTime = 61, kVideo = 64 };

/// GET {base}/api/container/getIndex?containerid=100103type%3D61%26q%3D{kw}&page_type=searchall&page=n
RequestSpec search_api(std::string_view base_url, std::string_view keyword, std::uint32_t page,
                       SearchType type = SearchType::kRealTime);

/// GET {base}/api/container/getIndex?containerid=107603{uid}[&since_id=] (the cursor of the
/// previous page; "" for the first).
RequestSpec timeline_api(std::string_view base_url, std::string_view uid, std::string_view since_id);

/// GET {base}/comments/hotflow?id={mid}&mid={mid}&max_id_type={t}[&max_id=] with the detail page as
/// Referer. `cursor` is the parser's "{max_id}:{max_id_type}" ("" for the first page).
RequestSpec comments_api(std::string_view base_url, std::string_view mid, std::string_view cursor);

/// GET {base}/detail/{mid}: the HTML page whose $render_data holds the full text.
RequestSpec detail_html(std::string_view base_url, std::string_view mid);

/// An s.weibo.com time window, hours in Beijing time: custom:YYYY-MM-DD-H:YYYY-MM-DD-H.
struct Timescope {
  std::int64_t since_unix = 0;  ///< inclusive, Unix seconds; 0 = no window
  std::int64_t until_unix = 0;  ///< exclusive
};

/// The `custom:` value for a window: hour resolution, in +08:00, as s.weibo.com expects it.
std::string timescope_value(const Timescope& window);

/// GET {web}/weibo?q={kw}&typeall=1&suball=1[&timescope=custom:...]&page=n
RequestSpec search_html(std::string_view web_url, std::string_view keyword, std::uint32_t page,
                        const Timescope& window = {});

}  // namespace koubei::requests::weibo
