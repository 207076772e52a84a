// Xiaohongshu listings (platforms.md §2.2), all signed: search sorted time_descending with the
// walk's one search_id and a page number the walk counts (the cursor only says "more"); comments
// and sub-comments with data.cursor and the note's xsec_token. Detail: feed_api (signed, needs the
// token) else the unsigned note page; author: user/otherinfo.
#include "crawler/clients/listing_page.hpp"
#include "crawler/requests/xiaohongshu_requests.hpp"

namespace koubei::clients::detail {
namespace {

constexpr auto kXhs = config::PlatformId::kXiaohongshu;

Result<std::string> token(const PageState& s) {
  if (s.first()) return std::string();
  return next_token(kXhs, s);
}

}  // namespace

Result<RequestSpec> xiaohongshu_page(const config::PlatformConfig& c, const PageState& s) {
  const Listing& l = s.listing;
  switch (l.kind) {
    case ListingKind::kSearch:
      return requests::xiaohongshu::search_api(c.base_url,
                                               c.web_url,
                                               l.key,
                                               s.page,
                                               s.session,
                                               requests::xiaohongshu::Sort::kTimeDescending);
    case ListingKind::kComments: {
      auto cursor = token(s);
      if (!cursor) return cursor.error();
      return requests::xiaohongshu::comments_api(
          c.base_url, c.web_url, l.key, *cursor, l.xsec_token);
    }
    case ListingKind::kReplies: {
      auto cursor = token(s);
      if (!cursor) return cursor.error();
      return requests::xiaohongshu::sub_comments_api(
          c.base_url, c.web_url, l.key, l.comment_id, *cursor, l.xsec_token);
    }
    case ListingKind::kTimeline:
    case ListingKind::kShopReviews:
      break;
  }
  return listing_error(ClientErrc::kUnsupported, kXhs, l);
}

std::optional<RequestSpec> xiaohongshu_detail(const config::PlatformConfig& c,
                                              const parsers::ParsedItem& item,
                                              bool signed_ok) {
  if (item.mention.kind != model::Kind::kNote) return std::nullopt;
  // feed_api refuses a note without its xsec_token (406); the HTML page is the better try then.
  if (signed_ok && !item.xsec_token.empty()) {
    return requests::xiaohongshu::feed_api(
        c.base_url, c.web_url, item.mention.native_id, item.xsec_token);
  }
  return requests::xiaohongshu::note_html(c.web_url, item.mention.native_id, item.xsec_token);
}

std::optional<RequestSpec> xiaohongshu_author(const config::PlatformConfig& c,
                                              const model::Mention& mention) {
  return requests::xiaohongshu::user_api(c.base_url, c.web_url, *mention.author.id);
}

}  // namespace koubei::clients::detail
