#pragma once
// What a parser receives (a fetched page) and what it returns (ParseResult), for all sixteen page
// types of cli.md.
//
// Parsers are pure: bytes in, values out. No IO, no clock (fetched_at is an input), no logging (a
// problem is a diagnostic in the result). Every page gets an honest verdict: a block page is never
// "empty", and a layout koubei does not recognise is "unrecognized", never "empty".
//
// Lifetime: PageInput holds views; the caller keeps the body alive for the call. ParseResult owns
// every string it holds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/model/mention.hpp"

namespace koubei::parsers {

enum class PageType {
  kWeiboSearchApi,
  kWeiboTimelineApi,
  kWeiboCommentsApi,
  kWeiboSearchHtml,
  kWeiboDetailHtml,
  kXiaohongshuSearchApi,
  kXiaohongshuFeedApi,
  kXiaohongshuNoteHtml,
  kXiaohongshuCommentsApi,
  kXiaohongshuUserApi,
  kDouyinSearchApi,
  kDouyinDetailApi,
  kDouyinCommentsApi,
  kDouyinVideoHtml,
  kDouyinUserApi,
  kDianpingReviewsHtml,
};

inline constexpr PageType kAllPageTypes[] = {
    PageType::kWeiboSearchApi,       PageType::kWeiboTimelineApi,
    PageType::kWeiboCommentsApi,     PageType::kWeiboSearchHtml,
    PageType::kWeiboDetailHtml,      PageType::kXiaohongshuSearchApi,
    PageType::kXiaohongshuFeedApi,   PageType::kXiaohongshuNoteHtml,
    PageType::kXiaohongshuCommentsApi, PageType::kXiaohongshuUserApi,
    PageType::kDouyinSearchApi,      PageType::kDouyinDetailApi,
    PageType::kDouyinCommentsApi,    PageType::kDouyinVideoHtml,
    PageType::kDouyinUserApi,        PageType::kDianpingReviewsHtml,
};

/// "weibo.search_api", as in cli.md and a record's source.page_type.
std::string_view to_string(PageType t);
std::optional<PageType> page_type_from_string(std::string_view name);
model::Platform platform_of(PageType t);

enum class Verdict {
  kOk,                 ///< a page of results (possibly with skipped items)
  kEmpty,              ///< a real "no results" / end of list
  kRateLimited,        ///< the platform says "too fast" (418, 432, 300013, 461 …)
  kLoginRequired,      ///< a cookie is missing or expired
  kCaptcha,            ///< a verification challenge (captcha URL, verify_check, verify.meituan.com)
  kNotFound,           ///< the item does not exist (any more)
  kSignatureRejected,  ///< the request signature is outdated or wrong (XHS 406 code -1, 300015)
  kUnrecognized,       ///< the layout is not one koubei knows: never read as "empty"
};

std::string_view to_string(Verdict v);

/// True for the verdicts that may advance a watermark (ARCHITECTURE.md invariants).
inline bool is_success(Verdict v) { return v == Verdict::kOk || v == Verdict::kEmpty; }

struct Header {
  std::string_view name;
  std::string_view value;
};

struct PageInput {
  PageType type = PageType::kWeiboSearchApi;
  /// The response body. If `padded` is true the caller guarantees that at least
  /// simdjson::SIMDJSON_PADDING readable bytes follow it (the HTTP engine's buffers do), and JSON
  /// is parsed without a copy; otherwise the parser copies it into a padded buffer.
  std::string_view body;
  bool padded = false;
  /// HTTP status; 0 when unknown (a saved file), treated as 200.
  int status = 0;
  /// The request URL (with secrets in it: parsers only read ids from it) and where redirects ended.
  std::string_view url;
  std::string_view final_url;
  std::vector<Header> headers;
  model::Timestamp fetched_at{};
};

/// The value of response header `name` (ASCII case-insensitive), or nullopt.
std::optional<std::string_view> header(const PageInput& page, std::string_view name);

/// Explicit bounds; exceeding one is a diagnostic, never a crash (config [parse]).
struct ParseLimits {
  std::uint64_t max_body = 8ULL << 20;
  std::uint32_t max_items = 1000;
  std::uint32_t max_dom_depth = 256;
  std::uint32_t max_dom_nodes = 500000;
};

/// Where the next page of the same listing starts. Opaque to the scheduler: the platform client
/// that built the request builds the next one from it (Weibo page or since_id, max_id:max_id_type,
/// XHS cursor or page, Douyin cursor, Dianping next page number).
struct Cursor {
  Cursor() = default;
  // Spelled out so `Cursor{false, value}` stays complete under -Wmissing-field-initializers.
  Cursor(bool at_end, std::string next_value, std::string next_session = {})
      : end(at_end), value(std::move(next_value)), session(std::move(next_session)) {}

  bool end = true;     ///< no further page (or unknown: a failed page never continues)
  std::string value;   ///< set when !end
  std::string session; ///< a token the next request must carry (Douyin extra.logid); "" = none
};

/// What a page says about an author, for the author cache (influence.md).
struct AuthorFacts {
  model::Platform platform = model::Platform::kWeibo;
  std::string id;
  std::optional<std::string> name;
  std::optional<std::int64_t> followers;
  std::optional<model::VerifiedType> verified_type;
};

/// One item that was skipped (or one degraded field), with where it was and why.
struct Diagnostic {
  std::string where;   ///< e.g. "data.cards[3].mblog", "li.main-review[2]"
  std::string reason;  ///< e.g. "missing id", "created_at \"昨天 25:00\" not understood"
};

/// A mention plus what the scheduler needs to follow it up.
struct ParsedItem {
  model::Mention mention;
  /// The page shows a truncated text (Weibo isLongText, "展开全文"): fetch the detail for the rest.
  bool truncated = false;
  /// XHS xsec_token of this note, required for its detail and comment requests.
  std::string xsec_token;
  /// Replies the page did not include (for sub-comment fetches); 0 when none or unknown.
  std::int64_t more_replies = 0;
};

struct ParseResult {
  Verdict verdict = Verdict::kUnrecognized;
  /// Why the verdict (always set when not ok/empty): "ok:-100 captcha https://m.weibo.cn/captcha…"
  std::string detail;
  std::vector<ParsedItem> items;
  Cursor next;
  std::vector<AuthorFacts> authors;
  /// Items skipped and fields degraded, with reasons; counted, never silent.
  std::vector<Diagnostic> diagnostics;
  /// Items that could not be read at all (a subset of diagnostics).
  std::uint32_t skipped = 0;
  /// Dianping obfuscated characters left as U+FFFD because no glyph map covered them.
  std::uint32_t unknown_glyphs = 0;
};

}  // namespace koubei::parsers
