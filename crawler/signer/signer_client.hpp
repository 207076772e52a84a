#pragma once
// The signer client: Xiaohongshu and Douyin API requests need signatures computed by the
// platforms' own JavaScript, so koubei asks a signing service the user runs (`signer_url` of the
// platform; `koubei sandbox` serves one at /__sandbox/sign) and attaches its answer.
//
// Protocol (docs/signer.md; what the sandbox implements):
//   Xiaohongshu: POST {signer_url}?platform=xiaohongshu&uri=URI&t=X_T with the request body as the
//                body → {"x-s": "...", "x-t": "..."}; URI is the path (plus "?query" for a GET),
//                X_T the request time in Unix ms. Both values become request headers.
//   Douyin:      POST {signer_url}?platform=douyin with the request's query string as the body
//                → {"a_bogus": "..."}, appended as the last query parameter.
//
// Contract: signer_request()/apply_signature() are pure; sign() does the round trip through the
// HTTP engine. A failed or malformed answer is an Error (SignerErrc) naming the signer URL with
// secrets stripped, and leaves the request unsigned: the caller reports `signature_required`
// rather than sending it. Thread safety: none needed (values in, values out).

#include "config/error.hpp"
#include "crawler/http/http_engine.hpp"
#include "crawler/http/request.hpp"
#include "crawler/requests/request_spec.hpp"

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace koubei::signer {

enum class SignerErrc {
  kNotConfigured = 1,  ///< the platform has no signer_url
  kUnreachable,        ///< the signing service did not answer (transport error)
  kRefused,            ///< it answered with a non-2xx status
  kBadAnswer,          ///< its answer is not the JSON the protocol promises
};

const std::error_category& signer_category() noexcept;
std::error_code make_error_code(SignerErrc e) noexcept;

/// The engine request that asks `signer_url` to sign `spec` at time `now_ms`.
http::Request signer_request(const requests::RequestSpec& spec, std::string_view signer_url,
                             std::int64_t now_ms);

/// Attaches the signer's JSON answer to `spec` (headers for Xiaohongshu, a_bogus for Douyin).
Result<void> apply_signature(requests::RequestSpec& spec, std::string_view answer,
                             std::string_view signer_url);

/// Signs `spec` in place when it needs a signature (a no-op for Signing::kNone).
boost::asio::awaitable<Result<void>> sign(http::HttpEngine& engine, std::string_view signer_url,
                                          requests::RequestSpec& spec, std::int64_t now_ms);

/// The engine request for a (signed) RequestSpec.
http::Request to_http_request(const requests::RequestSpec& spec);

}  // namespace koubei::signer

template <>
struct std::is_error_code_enum<koubei::signer::SignerErrc> : std::true_type {};
