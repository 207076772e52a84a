#pragma once
// GET /__sandbox/truth: every item that exists at world now, as koubei records it, so tests and
// benchmarks measure recall and latency against the world itself.
//
//   ?platform=weibo&query=华为 信号[&since=T][&until=T]   posts of a keyword (Dianping: query is
//                                                        the shop id)
//   ?platform=weibo&user=5000000042                      an author's timeline
//   ?platform=weibo&item=NATIVE_POST_ID                  the post's comments and replies
// T: milliseconds since the epoch, or 2026-11-22T10:00:00+08:00; since defaults to the world's
// start, until to now (exclusive).
//
//   {"platform":"weibo","now":"…","count":2,"items":[
//     {"id":"weibo:post:4000010247560003","native_id":"…","kind":"post",
//      "created_at":"2026-11-22T01:41:07.000Z","created_ms":…,"author_id":"5000000042",
//      "author_followers":1234,"negative":false,"parent_id":null}, …]}
//
// Thread safety: stateless over an immutable World.

#include "sandbox/http_types.hpp"
#include "sandbox/world.hpp"

namespace koubei::sandbox {

Response truth_endpoint(const World& world, Millis now, const Request& req);

/// GET /__sandbox/world: seed, epoch, now, queries, shops, head authors.
Response world_endpoint(const World& world, Millis now, double clock_rate);

}  // namespace koubei::sandbox
