#pragma once
// Douyin requests (platforms.md §2.3): the web API (search, detail, comments, replies, user
// profile) with the web client's common parameters, signed with a_bogus by the configured signer,
// and the unsigned video page whose RENDER_DATA holds the item. Pure builders.

#include "crawler/requests/request_spec.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace koubei::requests::douyin {

/// filter_selected.sort_type: 0 comprehensive, 1 most liked, 2 latest (incremental crawling).
enum class Sort : int { kComprehensive = 0, kMostLiked = 1, kLatest = 2 };

/// filter_selected.publish_time in days: 0 any, 1, 7 or 180 (backfill windows).
enum class PublishWithin : int { kAny = 0, kDay = 1, kWeek = 7, kHalfYear = 180 };

/// GET {base}/aweme/v1/web/general/search/single/?...&keyword=&offset=&count=15&search_id=
/// &filter_selected={"sort_type":"2","publish_time":"0"}, Referer {web}/search/{kw}.
/// `offset` is the previous page's cursor (0 first); `search_id` the previous page's
/// extra.logid ("" first).
RequestSpec search_api(std::string_view base_url, std::string_view web_url, std::string_view keyword,
                       std::uint64_t offset, std::string_view search_id, Sort sort = Sort::kLatest,
                       PublishWithin within = PublishWithin::kAny);

/// GET {base}/aweme/v1/web/aweme/detail/?...&aweme_id=
RequestSpec detail_api(std::string_view base_url, std::string_view web_url, std::string_view aweme_id);

/// GET {base}/aweme/v1/web/comment/list/?...&aweme_id=&cursor=&count=20&item_type=0
RequestSpec comments_api(std::string_view base_url, std::string_view web_url, std::string_view aweme_id,
                         std::uint64_t cursor);

/// GET {base}/aweme/v1/web/comment/list/reply/?...&item_id=&comment_id=&cursor=&count=20&item_type=0
RequestSpec replies_api(std::string_view base_url, std::string_view web_url, std::string_view aweme_id,
                        std::string_view comment_id, std::uint64_t cursor);

/// GET {base}/aweme/v1/web/user/profile/other/?...&sec_user_id=&publish_video_strategy_type=2
/// &personal_center_strategy=1
RequestSpec user_api(std::string_view base_url, std::string_view web_url, std::string_view sec_user_id);

/// GET {web}/video/{aweme_id}: the unsigned HTML route.
RequestSpec video_html(std::string_view web_url, std::string_view aweme_id);

}  // namespace koubei::requests::douyin
