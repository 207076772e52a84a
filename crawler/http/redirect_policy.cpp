#include "crawler/http/redirect_policy.hpp"

#include "crawler/http/curl_handles.hpp"

#include <algorithm>
#include <cctype>

#include <libpsl.h>

namespace koubei::http {
namespace {

bool is_redirect_status(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return s;
}

bool is_ip_literal(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  });
}

std::string url_part(std::string_view url, CURLUPart part) {
  CurlUrl u(curl_url());
  if (!u) return {};
  const std::string copy(url);
  if (curl_url_set(u.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK) return {};
  char* out = nullptr;
  if (curl_url_get(u.get(), part, &out, 0) != CURLUE_OK) return {};
  const CurlString owned(out);
  return out;
}

}  // namespace

std::string url_host(std::string_view url) {
  std::string host = lower(url_part(url, CURLUPART_HOST));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return host;
}

std::string site_of_host(std::string_view host) {
  std::string h = lower(std::string(host));
  if (!h.empty() && h.back() == '.') h.pop_back();
  if (h.empty() || is_ip_literal(h)) return h;
  // psl_builtin() is the list compiled into libpsl: no file IO, immutable, safe from any thread.
  const char* domain = psl_registrable_domain(psl_builtin(), h.c_str());
  return domain != nullptr ? std::string(domain) : h;
}

std::string resolve_location(std::string_view base, std::string_view location) {
  CurlUrl u(curl_url());
  if (!u) return {};
  const std::string b(base);
  const std::string loc(location);
  if (curl_url_set(u.get(), CURLUPART_URL, b.c_str(), 0) != CURLUE_OK) return {};
  // With a base already set, curl resolves a relative reference against it (RFC 3986).
  if (curl_url_set(u.get(), CURLUPART_URL, loc.c_str(), 0) != CURLUE_OK) return {};
  char* out = nullptr;
  if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) != CURLUE_OK) return {};
  const CurlString owned(out);
  return out;
}

RedirectDecision decide_redirect(std::string_view current_url,
                                 Method method,
                                 int status,
                                 std::string_view location,
                                 const std::vector<RedirectHop>& chain,
                                 std::uint32_t max_redirects) {
  RedirectDecision d;
  if (!is_redirect_status(status) || location.empty() || max_redirects == 0) return d;
  d.kind = RedirectDecision::Kind::kStop;
  d.next_url = resolve_location(current_url, location);
  const std::string scheme = lower(url_part(d.next_url, CURLUPART_SCHEME));
  if (d.next_url.empty() || (scheme != "http" && scheme != "https")) {
    d.error = FetchErrc::kBadRequest;
    return d;
  }
  if (site_of_host(url_host(current_url)) != site_of_host(url_host(d.next_url))) {
    d.error = FetchErrc::kCrossSiteRedirect;
    return d;
  }
  const bool seen = d.next_url == current_url ||
                    std::any_of(chain.begin(), chain.end(), [&](const RedirectHop& h) {
                      return h.url == d.next_url;
                    });
  if (seen) {
    d.error = FetchErrc::kRedirectLoop;
    return d;
  }
  if (chain.size() >= max_redirects) {
    d.error = FetchErrc::kTooManyRedirects;
    return d;
  }
  d.kind = RedirectDecision::Kind::kFollow;
  d.next_method = method;
  const bool to_get = status == 303 ? method != Method::kHead
                                    : (status == 301 || status == 302) && method == Method::kPost;
  if (to_get) {
    d.next_method = Method::kGet;
    d.drop_body = true;
  }
  return d;
}

}  // namespace koubei::http
