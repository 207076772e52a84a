#pragma once
// How each simulated platform says "too fast" (platforms.md §3), for a request refused by the
// IP bucket or the account bucket (enforcer.hpp):
//   Weibo     account: {"ok":-100,"url":"https://m.weibo.cn/captcha?scene=limit…"} (JSON pages),
//                      302 to the captcha (HTML pages); IP: HTTP 432 (m.weibo.cn), 418 (s.weibo.com)
//   XHS       account: {"code":300013,"msg":"访问频次异常…"}; IP: HTTP 461 + Verifytype/Verifyuuid
//   Douyin    account: HTTP 200 with an empty body; IP: search_nil_info verify_check on search,
//                      the empty body elsewhere
//   Dianping  account: HTTP 403; IP: 302 to verify.meituan.com (spiderindefence)
// And the answers of the other refusals: a missing or wrong signature, a missing login.
//
// Pure functions; thread-safe.

#include "sandbox/enforcer.hpp"
#include "sandbox/http_types.hpp"

namespace koubei::sandbox {

/// The API or page family a path belongs to.
enum class Endpoint {
  kUnknown,
  kWeiboApi,       ///< m.weibo.cn JSON (getIndex, hotflow)
  kWeiboDetail,    ///< m.weibo.cn/detail/{id}
  kWeiboSearchHtml,
  kXhsApi,
  kXhsHtml,
  kDouyinSearch,
  kDouyinApi,
  kDouyinHtml,
  kDianping,
};

Endpoint endpoint_of(std::string_view path);
PlatformId platform_of(Endpoint e);

Response blocked_answer(Endpoint e, Block why, const Request& req);
Response signature_rejected(Endpoint e);

}  // namespace koubei::sandbox
