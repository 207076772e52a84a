#pragma once
// weibo.detail_html: the m.weibo.cn post page, GET https://m.weibo.cn/detail/{mid}, used to read
// the full text of a post listed as isLongText. No HTML parser runs: the data is cut out of the
// page by string search (html/script_data.hpp).
//
//   <script>
//   var $render_data = [{
//       "status": {…an mblog with the FULL text, see mblog.hpp…},
//       "call": "…", "hotScheme": "…", "appScheme": "…"
//   }][0] || {};
//   </script>
//
// Mapping: the status is one post (TextMode::kFull: never marked truncated); its
// retweeted_status, if any, is a post of its own (marked truncated when isLongText).
// Verdicts (after signals.hpp's transport rules):
//   no $render_data, the error page ("出错了" / "未知错误") saying 不存在 / 已被删除 / 已删除
//                                                                   → not_found
//   no $render_data, the error page otherwise (m.weibo.cn serves
//     "出错了，未知错误" to a request without a login, MediaCrawler #914) → login_required
//   the Sina Visitor System page                                    → login_required
//   no $render_data and no error page, $render_data not JSON, no
//     status object in it, or a status without mid                  → unrecognized
// The cursor is always end (one post per page).

#include "parsers/context.hpp"

namespace koubei::parsers::weibo {

ParseResult parse_detail_html(const Context& ctx);

}  // namespace koubei::parsers::weibo
