#pragma once
// douyin.video_html: https://www.douyin.com/video/{aweme_id}, read from its RENDER_DATA store
// without an HTML parser (script_by_id + url_decode + JSON).
//
//   <script id="RENDER_DATA" type="application/json">%7B%22_location%22%3A%22%2Fvideo%2F…</script>
//   decoded:
//   {"_location": "/video/7441234567890123456",
//    "C_0": {"odin": {…}, "user": {…}},                  the visitor, not the author: ignored
//    "41" | "45" | "c_12" | "C_12": {                    which key varies: every top-level
//      "aweme": {"statusCode": 0,                        object is searched for aweme.detail
//                "detail": {"awemeId", "desc", "createTime", "authorInfo", "stats", "video",
//                           "images", "textExtra", "ipLabel"?, "seoInfo": {"ocrContent"}}}}}
//   The detail is mapped by map_aweme with kCamelAweme (keys.hpp); seoInfo is ignored.
//
// Verdicts (after check_body, envelope.hpp):
//   aweme.detail found                             ok, one record, cursor end
//   no RENDER_DATA, page holds the "_$jsvmprt" JS challenge (served instead of the page when the
//   cookie is missing or stale, per public downloaders)
//                                                  captcha
//   no RENDER_DATA otherwise, or it is not JSON    unrecognized
//   an "aweme" slot without detail that says why: statusCode ≠ 0 (classify_status with
//   statusMsg), or filterDetail {filterReason, detailMsg} (the camelCase mirror of the detail
//   API's filter_detail; an assumed shape, no capture seen)
//                                                  that verdict / not_found
//   an "aweme" slot without detail and without a reason, or no "aweme" slot at all
//                                                  unrecognized (the page does not say the video
//                                                  is gone, so it must not be read as not_found)

#include "parsers/context.hpp"

namespace koubei::parsers::douyin {

ParseResult parse_video_html(const Context& ctx);

}  // namespace koubei::parsers::douyin
