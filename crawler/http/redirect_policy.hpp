#pragma once
// Redirect following as a pure decision (no IO): given the answer of one hop, follow it, stop with
// the response as it is, or stop with an error. The engine performs the decision; tests drive it
// with tables.
//
// Policy: only 301/302/303/307/308 with a Location are redirects; they are followed up to
// max_redirects times, only within the same site (registrable domain per the Public Suffix List;
// an IP address or single-label host is its own site), only to http/https, and never back to a
// URL already visited. 303, and 301/302 after a POST, turn the request into a GET without body.

#include "crawler/http/fetch_error.hpp"
#include "crawler/http/request.hpp"
#include "crawler/http/response.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::http {

/// Lower-case host of an absolute URL, without port or brackets; empty when it does not parse.
std::string url_host(std::string_view url);

/// The registrable domain of `host` ("m.weibo.cn" -> "weibo.cn", "a.b.com.cn" -> "b.com.cn");
/// the host itself for IP literals, single labels ("localhost") and public suffixes.
std::string site_of_host(std::string_view host);

/// Resolves `location` (absolute or relative) against `base`; empty when either does not parse.
std::string resolve_location(std::string_view base, std::string_view location);

struct RedirectDecision {
  enum class Kind {
    kDone,    ///< not a redirect (or redirects disabled): the response is the answer
    kFollow,  ///< fetch next_url with next_method
    kStop,    ///< do not follow; the fetch fails with `error`
  };
  Kind kind = Kind::kDone;
  std::string next_url;
  Method next_method = Method::kGet;
  bool drop_body = false;
  FetchErrc error = FetchErrc::kInternal;
};

/// `chain` holds the hops already followed (not the current one); `location` is the Location
/// header as received (relative allowed).
RedirectDecision decide_redirect(std::string_view current_url,
                                 Method method,
                                 int status,
                                 std::string_view location,
                                 const std::vector<RedirectHop>& chain,
                                 std::uint32_t max_redirects);

}  // namespace koubei::http
