#pragma once
// Xiaohongshu anti-bot and error signals (platforms.md §3) mapped to page verdicts, shared by the
// five XHS page types. Pure functions; the detail string always names the signal.
//
// clang-format off
//   signal                                          verdict              why
//   HTTP 461 / 471 (+ Verifytype, Verifyuuid)       captcha              XHS slider/shield challenge
//   HTTP 401 / 403                                  login_required       MediaCrawler
//                                                                        PlatformAccessError: the
//                                                                        cookie is refused
//   HTTP 429                                        rate_limited
//   HTTP 406 (body {"code":-1,"success":false})     signature_rejected   x-s/x-t algorithm outdated
//   HTTP 400 on an API                              signature_rejected   MediaCrawler #754: search
//                                                                        rejected the signed body;
//                                                                        fixed by a client update
//   HTTP 404 on /explore/{id}                       not_found
//   other HTTP >= 400 without a known JSON code     unrecognized
//   3xx or a redirect to /website-login/captcha     captcha              explore 302 (issue #696)
//   redirect to …?error_code=N                      as code N below      /website-login/error,
//                                                                        /404?error_code=300031
//   redirect to /404                                not_found
//   redirect to another login page                  login_required
//   any other 3xx                                   captcha              §3: "the explore HTML can
//                                                                        302" to a challenge
//   code 300012 (IP block)                          rate_limited         a block of this IP: back
//                                                                        off / change exit; no
//                                                                        verdict is closer
//   code 300013 (访问频次异常)                        rate_limited
//   code 300011 (account security restriction)      login_required       this account's session is
//                                                                        unusable: use another one
//   code 300015 (浏览器异常, sign fault)              signature_rejected
//   code -100 (登录已过期)                             login_required
//   code -510000 / -510001 / 300031                 not_found            note gone / 当前内容无法展示;
//                                                                        300031 (当前笔记暂时无法浏览)
//                                                                        is the error_code of the
//                                                                        /404 redirect in public
//                                                                        tests, not in §3
//   code -1 with success:false                      signature_rejected   the 406 body, also when
//                                                                        the status was lost
//   any other non-zero code / success:false         unrecognized         "code N msg"
// clang-format on

#include "parsers/context.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::xiaohongshu {

/// The verdict for a JSON `code` (or a redirect's error_code) that is not success; nullopt for
/// codes koubei does not know (the caller reports them as unrecognized with the code).
std::optional<Verdict> verdict_for_code(std::int64_t code);

/// The verdict the HTTP status, the headers and the redirect target give before the body is read;
/// nullopt when they say nothing (200, or an unknown redirect the body must explain).
/// REQUIRES: platform_of(page.type) is xiaohongshu.
std::optional<ParseResult> transport_verdict(const PageInput& page);

/// True when the request was redirected to another path (final_url set and its path differs).
bool redirected(const PageInput& page);

/// Parses the API envelope {"code":0,"success":true,"msg":"成功","data":{…}}. On success stores
/// `data` in `data` and returns nullopt; otherwise the verdict (not JSON, no data, error code).
/// The element lives until the next ctx.json.parse.
std::optional<ParseResult> open_envelope(const Context& ctx, simdjson::dom::element& data);

/// open_envelope, then data[key] as an array (the page's list): stores both; a missing list is
/// unrecognized ("search: no data.items array" for page "search", key "items").
std::optional<ParseResult> open_list(const Context& ctx,
                                     std::string_view page,
                                     std::string_view key,
                                     simdjson::dom::element& data,
                                     simdjson::dom::array& list);

}  // namespace koubei::parsers::xiaohongshu
