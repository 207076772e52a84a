#pragma once
// Xiaohongshu requests (platforms.md §2.2): the edith API (search, note feed, comments, user info),
// signed with x-s/x-t by the configured signer, and the unsigned note HTML page on the web host.
// Pure builders; `search_id` generation takes its time and randomness as arguments.

#include "crawler/requests/request_spec.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace koubei::requests::xiaohongshu {

/// Search sort orders; time_descending is what incremental crawling and backfills need.
enum class Sort : std::uint8_t { kGeneral, kTimeDescending, kPopularityDescending };

std::string_view to_string(Sort s);

/// The web client's search_id: base36((unix_ms << 64) + random31), random31 in [0, 2^31 − 2].
std::string make_search_id(std::uint64_t unix_ms, std::uint32_t random31);

/// POST {base}/api/sns/web/v1/search/notes, JSON body {keyword, page, page_size: 20, search_id,
/// sort, note_type: 0}. Signed.
RequestSpec search_api(std::string_view base_url, std::string_view web_url, std::string_view keyword,
                       std::uint32_t page, std::string_view search_id,
                       Sort sort = Sort::kTimeDescending);

/// POST {base}/api/sns/web/v1/feed: a note's detail; xsec_token comes from the search item.
RequestSpec feed_api(std::string_view base_url, std::string_view web_url, std::string_view note_id,
                     std::string_view xsec_token, std::string_view xsec_source = "pc_search");

/// GET {web}/explore/{note_id}?xsec_token=&xsec_source=: the unsigned HTML fallback.
RequestSpec note_html(std::string_view web_url, std::string_view note_id, std::string_view xsec_token,
                      std::string_view xsec_source = "pc_search");

/// GET {base}/api/sns/web/v2/comment/page?note_id=&cursor=&top_comment_id=&image_formats=&xsec_token=
RequestSpec comments_api(std::string_view base_url, std::string_view web_url, std::string_view note_id,
                         std::string_view cursor, std::string_view xsec_token);

/// GET {base}/api/sns/web/v2/comment/sub/page?note_id=&root_comment_id=&num=10&cursor=&...
RequestSpec sub_comments_api(std::string_view base_url, std::string_view web_url,
                             std::string_view note_id, std::string_view root_comment_id,
                             std::string_view cursor, std::string_view xsec_token);

/// GET {base}/api/sns/web/v1/user/otherinfo?target_user_id=: followers for the author cache.
RequestSpec user_api(std::string_view base_url, std::string_view web_url, std::string_view user_id);

}  // namespace koubei::requests::xiaohongshu
