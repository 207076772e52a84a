#pragma once
// xiaohongshu.user_api: GET https://edith.xiaohongshu.com/api/sns/web/v1/user/otherinfo
//                           ?target_user_id=5c80c3ff0000000016015198
//
//   {"code":0,"success":true,"msg":"成功","data":{
//     "basic_info":{"nickname":"迷路与鹿","imageb":"https://sns-avatar-qc.xhscdn.com/…",
//                   "red_id":"95071234","gender":1,"ip_location":"上海","desc":"…"},
//     "interactions":[{"type":"follows","name":"关注","count":"128"},
//                     {"type":"fans","name":"粉丝","count":"1.2万"},
//                     {"type":"interaction","name":"获赞与收藏","count":"35.6万"}],
//     "tags":[…]}}
//
// Contract:
// - No mentions: one AuthorFacts {id: target_user_id of the request URL (the body does not
//   repeat it; red_id is the public 小红书号, a different id), name: basic_info.nickname,
//   followers: the "fans" count ("1.2万" → 12000; a capped "10万+" gives its floor)}.
// - Verdict ok, cursor end. A request URL without a usable target_user_id yields ok with no
//   author facts and a diagnostic (the page is fine; koubei cannot say whose it is).
// - unrecognized without data.basic_info; the rest from signals.hpp.

#include "parsers/context.hpp"

namespace koubei::parsers::xiaohongshu {

ParseResult parse_user_api(const Context& ctx);

}  // namespace koubei::parsers::xiaohongshu
