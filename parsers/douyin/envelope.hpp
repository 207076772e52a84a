#pragma once
// The checks every Douyin response passes before its page type reads it, and the verdict each
// anti-bot signal of platforms.md §3 maps to.
//
//   signal                                          verdict          why
//   HTTP 2xx, empty (or whitespace-only) body, or  rate_limited     MediaCrawler "account
//   the body "blocked"                                               blocked", TikTokDownloader
//     "响应内容为空，可能是接口失效或者 Cookie 失效". Why not login_required: the page cannot tell
//     a throttled or risk-flagged account from a stale cookie or signature, Evil0ctal answers it by
//     sleeping and retrying (not by asking for a new cookie), and a cookie flagged on one endpoint
//     keeps working on others (Evil0ctal #612). rate_limited makes the scheduler back off and
//     retry; login_required would park the source until a person replaces a cookie that may still
//     be valid.
//   HTTP 429                                        rate_limited
//   not JSON / not an object                        unrecognized
//   "status_code" ≠ 0                               see classify_status()
//   HTTP status not 2xx, JSON without an error      unrecognized
//
// Thread safety: stateless.

#include "parsers/context.hpp"
#include "parsers/json/fields.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::douyin {

/// A text the platform sends (a status_msg fragment, a search_nil_type) and the verdict it means.
struct SignalRule {
  std::string_view text;
  Verdict verdict;
};

/// The body-level signals shared by the JSON APIs and the HTML page: HTTP 429, and an empty or
/// "blocked" body on HTTP 2xx (surrounding whitespace ignored). nullopt when none applies.
std::optional<ParseResult> check_body(const PageInput& page);

/// The verdict for a non-zero "status_code", judged by status_msg first (the codes are reused:
/// 8 is "用户未登录" on most endpoints but "风控" on some, 2053 is "content unavailable" or "请求太
/// 频繁") and then by the code:
///   status_msg contains                             verdict
///   验证 captcha verif                               captcha
///   登录 login                                       login_required
///   频繁 frequent "too many" 稍后 风控 risk limit    rate_limited
///   不存在 删除 unavailable "not exist" 无法查看     not_found
///   参数 param signature                             signature_rejected
///   otherwise by code: 1105 captcha ("captcha verification required"), 8 login_required
///   ("用户未登录"), 2053 not_found (content unavailable); any other code unrecognized.
/// ASCII letters compare case-insensitively.
Verdict classify_status(std::int64_t code, std::string_view status_msg);

/// A JSON API response that passed the envelope checks.
struct Envelope {
  std::optional<ParseResult> failure;  ///< set when the page must not be read further
  json::element root;                  ///< the top-level object (valid when !failure)
  bool status_ok = false;              ///< "status_code" is present and 0
};

/// Runs check_body, parses the body and applies the status_code and HTTP status rules above.
Envelope open_json(const Context& ctx);

}  // namespace koubei::parsers::douyin
