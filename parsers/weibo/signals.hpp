#pragma once
// Weibo's block and error signals (platforms.md §3) mapped to page verdicts, for all five Weibo
// page types. Each verdict's detail names the signal it came from.
//
// Transport (checked before the body is read):
//   redirect (final_url or a 3xx Location) to passport.weibo.com / passport.weibo.cn /
//     login.sina.com.cn, or to a /login, /signin or /visitor/ path      → login_required
//   redirect to a /captcha path                                         → captcha
//   HTTP 418, 432 (m.weibo.cn throttling), 403 ("too fast", nghuyong #92,
//     weiboSpider #27) and 429                                          → rate_limited
//   HTTP 401                                                            → login_required
//   HTTP 404, 410                                                       → not_found
//   any other non-2xx status                                            → unrecognized "HTTP N"
// Body of an unexpected kind:
//   the "Sina Visitor System" page (visitor cookie check)               → login_required
// m.weibo.cn JSON envelope {"ok":…}:
//   ok:1                                                                → read the data
//   ok:-100 with a passport/login url                                   → login_required
//   ok:-100 otherwise ({"ok":-100,"url":"https://m.weibo.cn/captcha?…"},
//     account risk control, weibo-crawler #461)                         → captcha
//   ok:0 "这里还没有内容" with no cards                                  → empty (see below)
//   ok:0 msg with 频繁/过快/稍后再试                                      → rate_limited
//   ok:0 msg with 登录                                                  → login_required
//   ok:0 msg with 不存在/删除                                            → not_found
//   any other ok:0, another ok value, or no ok at all                   → unrecognized
// "这里还没有内容" is m.weibo.cn's end-of-results answer (the benchmark pages end with it); the
// same answer was reported under throttling (weibo-crawler #491). A parser cannot tell the two
// apart, so it is `empty` and the detail says so; the scheduler's stop rules see an empty page.
//
// Thread safety: stateless.

#include "parsers/context.hpp"
#include "parsers/page.hpp"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::weibo {

/// The verdict the status and redirects decide, or nullopt when the body must be read.
std::optional<ParseResult> transport_verdict(const PageInput& page);

/// A page of another kind than expected that still says something (the visitor-check page), or
/// nullopt.
std::optional<ParseResult> foreign_page_verdict(std::string_view body);

/// The verdict of an m.weibo.cn JSON envelope, or nullopt when ok is 1 and the data is to be read.
std::optional<ParseResult> envelope_verdict(simdjson::dom::element root);

/// The whole gate of an m.weibo.cn JSON page: transport, then the body must be JSON (else the
/// visitor page or unrecognized), then the envelope. nullopt with `root` set when the data is to
/// be read; otherwise the page's verdict.
std::optional<ParseResult> open_api_page(const Context& ctx, simdjson::dom::element& root);

/// The first `max_bytes` of `text` or less, cut at a UTF-8 character boundary (for details).
std::string clip(std::string_view text, std::size_t max_bytes = 160);

}  // namespace koubei::parsers::weibo
