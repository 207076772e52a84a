#pragma once
// The verdict of a Dianping review page that shows no reviews (platforms.md §3 "Dianping").
//
// transport_verdict() judges what the HTTP layer says, before the body is looked at:
//   final URL, or a 3xx Location, on verify.meituan.com    captcha (the "spiderindefence" slider;
//                                                          Sniper handle_verify)
//   final URL, or a 3xx Location, on account.dianping.com  login_required (the login page; spec
//                                                          silent, a plausible shape)
//   HTTP 403                                                rate_limited  (*)
//   HTTP 429                                                rate_limited
//   HTTP 401                                                login_required
//   HTTP 404, 410                                           not_found
//   any other HTTP >= 400, or a 3xx elsewhere               unrecognized  ("HTTP 502")
// (*) Dianping answers review pages with 403 once an account is banned for crawling too fast;
//     Sniper retries once and then marks the shop "ban", and notes bans are per account, not per IP
//     (docs/problems.md #5). The cookie itself is still valid (a fresh login does not lift it, a
//     pause does), so this is rate_limited with the account named in the detail, not
//     login_required. (Overseas IPs get 403 everywhere too, Sniper issue #61: the remedy is the
//     same, slow down or move.)
//
// body_verdict() judges a 200 page in which no reviews container was found:
//   JSON with customData.verifyPageUrl (the ajax API's captcha)          captcha
//   the body names verify.meituan.com or "spiderindefence"               captcha
//   "页面不存在" / "页面无法访问" (Dianping's error page)                    not_found
//   an HTML page without the s3plus.meituan.net css link                 login_required (**)
//   anything else (HTML with the css link: the layout changed; not HTML) unrecognized
// (**) Every real review page links the obfuscation CSS on s3plus.meituan.net; Sniper reads its
//      absence as "cookie invalid or access limited: renew the cookie or pass the slider"
//      (utils/get_font_map.py). Renewing the cookie is the operator's remedy, so login_required. A
//      page that still links the CSS but has no reviews container is a layout koubei does not know.
//
// Pure; bounded work on the body (substring searches). Thread safety: stateless.

#include "parsers/context.hpp"

#include <optional>

namespace koubei::parsers::dianping {

/// A verdict from the status, final URL and Location header, or nullopt when they say "a page".
std::optional<ParseResult> transport_verdict(const PageInput& page);

/// The verdict of a page without a reviews container (never ok or empty).
ParseResult body_verdict(const Context& ctx);

}  // namespace koubei::parsers::dianping
