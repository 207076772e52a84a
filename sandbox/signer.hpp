#pragma once
// The sandbox's request signatures, standing in for XHS x-s/x-t and Douyin a_bogus: a keyed hash
// (seed-derived key) over what the real algorithms cover, so a client must sign every request and
// a stale or forged signature is refused the way the platform refuses it. POST /__sandbox/sign
// produces valid ones (docs/sandbox.md).
//
//   XHS     x-s = "XYS_" + H(key, x-t + uri + body); uri is the path, plus "?" + query for GET
//   Douyin  a_bogus = H(key, the query string before "&a_bogus="); a_bogus is the last parameter
//
// Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "sandbox/http_types.hpp"

namespace koubei::sandbox {

std::string xhs_signature(std::uint64_t key, std::string_view x_t, std::string_view uri,
                          std::string_view body);
std::string douyin_signature(std::uint64_t key, std::string_view query);

/// True when the request carries a valid signature for its platform.
bool xhs_signed(std::uint64_t key, const Request& req);
bool douyin_signed(std::uint64_t key, const Request& req);

/// POST /__sandbox/sign?platform=xiaohongshu&uri=…&t=… (body: the body to sign) or
/// ?platform=douyin (body: the query string to sign).
Response sign_endpoint(std::uint64_t key, const Request& req);

}  // namespace koubei::sandbox
