#pragma once
// douyin.detail_api: GET /aweme/v1/web/aweme/detail/?aweme_id=
//
//   {"status_code": 0,
//    "aweme_detail": {aweme, …, "status": {"is_delete": false, "is_prohibited": false,
//                                          "private_status": 0}},
//    "log_pb": {"impr_id": "…"}}
//   A video that is deleted, private or under review:
//   {"status_code": 0, "aweme_detail": null,
//    "filter_detail": {"aweme_id": "…", "filter_reason": "status_self_see" | "status_deleted" |
//                      "status_audit_self_see", "detail_msg": "因作品权限或已被删除，无法观看…"}}
//
// Verdicts beyond the envelope (envelope.hpp):
//   aweme_detail an object, status clean          ok, one record (map_aweme), cursor end
//   aweme_detail null or absent, status_code 0    not_found (detail: filter_reason and detail_msg
//                                                 when filter_detail says why)
//   aweme_detail with status.is_delete, is_prohibited true, or private_status ≠ 0
//                                                 not_found (the platform still sent the object,
//                                                 but the video is not publicly visible)
//   aweme_detail without a usable aweme_id        unrecognized
//   no aweme_detail and no status_code 0          unrecognized

#include "parsers/context.hpp"

namespace koubei::parsers::douyin {

ParseResult parse_detail_api(const Context& ctx);

}  // namespace koubei::parsers::douyin
