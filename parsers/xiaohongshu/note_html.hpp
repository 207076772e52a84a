#pragma once
// xiaohongshu.note_html: GET https://www.xiaohongshu.com/explore/{note_id}?xsec_token=…
//
//   <script>window.__INITIAL_STATE__={"global":{…,"firstVisitUrl":undefined},"note":{
//     "currentNoteId":"6741b2c5000000000703a1f2",
//     "noteDetailMap":{"6741b2c5000000000703a1f2":{"comments":{…},"currentTime":…,"note":{
//       "noteId":"6741b2c5000000000703a1f2","type":"normal","title":"…","desc":"…",
//       "time":1732264800000,"ipLocation":"上海","xsecToken":"AB…",
//       "user":{"userId":"…","nickname":"…","avatar":"…"},
//       "interactInfo":{"likedCount":"1.9万","collectedCount":"3521","commentCount":"286",
//                       "shareCount":"1200"},
//       "imageList":[{"urlDefault":"…","infoList":[{"imageScene":"WB_DFT","url":"…"}]}],
//       "tagList":[{"name":"上海咖啡","type":"topic"}],
//       "video":{"media":{"stream":{"h264":[{"masterUrl":"…"}]}},"consumer":{…}}}}},
//     "serverRequestInfo":{"state":"success"}}}</script>
//   variants end "};</script>" or "};(function(){…})()"; the JS has bare `undefined`.
//
// Contract:
// - The state is cut out by string search (find_js_value; no DOM) and made JSON (js_to_json).
// - The note entry is noteDetailMap[id of the request URL path]; when the URL names none of the
//   keys and the map has a single key, that one. Mapped by note_mapper.hpp with kStateKeys.
//   xsec_token: the note's xsecToken, else the request URL's xsec_token.
// - Verdicts: ok; unrecognized without any __INITIAL_STATE__ (or when it is not JSON, or the map
//   holds several notes and none is the requested one); captcha when a redirect ended on a page
//   without the state. Without noteDetailMap (§3 "a captcha or the note does not exist") the page
//   decides: not_found when it shows XHS's own missing-note message (当前笔记暂时无法浏览,
//   笔记不存在, 内容无法展示, 页面不见了), captcha otherwise. not_found also for an empty
//   noteDetailMap or an empty note object (the note placeholder XHS leaves for a removed note).
//   HTTP and redirect signals from signals.hpp.
// - Cursor: always end.

#include "parsers/context.hpp"

namespace koubei::parsers::xiaohongshu {

ParseResult parse_note_html(const Context& ctx);

}  // namespace koubei::parsers::xiaohongshu
