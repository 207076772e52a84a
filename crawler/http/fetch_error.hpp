#pragma once
// Why a fetch failed, as a std::error_code category ("koubei.fetch") the scheduler branches on and
// the metrics count. HTTP statuses (4xx/5xx) are outcomes, not errors: a Response with status 503
// has no error. The Error's `where` names the URL with secrets stripped (config::redact_url) plus
// curl's detail; never a cookie, token or proxy password.

#include <curl/curl.h>

#include <cstddef>
#include <string_view>
#include <system_error>

namespace koubei::http {

enum class FetchErrc {
  kDns = 1,            ///< the host name (or the proxy's) did not resolve
  kConnect,            ///< TCP connect refused or unreachable
  kTls,                ///< handshake failed or the certificate did not verify
  kTimeout,            ///< connect, whole-request or stall timeout
  kTooLarge,           ///< body over max_body on the wire or over max_decompressed decoded
  kReset,              ///< the peer closed or reset the connection before the response was complete
  kProtocol,           ///< malformed HTTP, bad content encoding, HTTP/2 stream error
  kCancelled,          ///< cancelled by the caller or by the engine's shutdown
  kProxy,              ///< the proxy refused or failed the tunnel
  kTooManyRedirects,   ///< more same-site redirects than max_redirects
  kRedirectLoop,       ///< a redirect went back to a URL already in the chain
  kCrossSiteRedirect,  ///< a redirect left the registrable domain; not followed, reported
  kBadRequest,         ///< malformed URL, unsupported scheme, unusable option
  kInternal,           ///< out of memory or an unexpected curl failure
};

/// Number of FetchErrc values + 1 (index 0 unused), for per-category counter arrays.
inline constexpr std::size_t kFetchErrcCount = static_cast<std::size_t>(FetchErrc::kInternal) + 1;

const std::error_category& fetch_category();

inline std::error_code make_error_code(FetchErrc e) {
  return {static_cast<int>(e), fetch_category()};
}

/// "dns", "connect", … : the metric label of a category.
std::string_view to_string(FetchErrc e);

/// The category of a finished curl transfer. `os_errno` is CURLINFO_OS_ERRNO (tells a reset).
FetchErrc classify(CURLcode code, long os_errno);

}  // namespace koubei::http

template <>
struct std::is_error_code_enum<koubei::http::FetchErrc> : std::true_type {};
