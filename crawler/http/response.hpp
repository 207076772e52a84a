#pragma once
// What a fetch returns: the final hop's status, headers and body (padded for simdjson), where the
// redirects went, how long each phase took, and on failure an Error whose code is in the
// FetchErrc category. A 4xx/5xx is a response, not an error.
//
// URLs in `url`, `final_url` and `redirects` are the real ones (a captcha URL's token may be
// needed by the caller); print them through config::redact_url. Error::where is already redacted.
// Thread safety: a value type.

#include "config/error.hpp"
#include "crawler/http/body_buffer.hpp"
#include "crawler/http/fetch_error.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace koubei::http {

/// Response headers in arrival order, looked up ASCII case-insensitively.
class HeaderList {
 public:
  void add(std::string name, std::string value) {
    entries_.emplace_back(std::move(name), std::move(value));
  }

  void clear() { entries_.clear(); }

  /// The first value of header `name`, or nullopt.
  std::optional<std::string_view> get(std::string_view name) const;
  /// Every value of header `name` (Set-Cookie comes several times).
  std::vector<std::string_view> get_all(std::string_view name) const;

  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

/// One redirect answer that was followed (or, for the last one, refused).
struct RedirectHop {
  std::string url;       ///< the URL that answered with a redirect
  int status = 0;        ///< 301, 302, 303, 307 or 308
  std::string location;  ///< where it pointed, resolved to an absolute URL
};

/// Phases of the final hop (from its start, as curl measures them) and the whole fetch.
struct Timings {
  using Micros = std::chrono::microseconds;
  Micros queued{0};      ///< waiting for a slot under max_in_flight
  Micros dns{0};         ///< name resolved
  Micros connect{0};     ///< TCP (or proxy) connected; 0 on a reused connection
  Micros tls{0};         ///< TLS handshake done; 0 for plain HTTP or reuse
  Micros first_byte{0};  ///< first response byte
  Micros total{0};       ///< every hop, start of the first to end of the last
};

struct Response {
  int status = 0;  ///< 0 when no response arrived
  HeaderList headers;
  BodyBuffer body;
  std::string url;        ///< the URL requested
  std::string final_url;  ///< the URL that gave this response (== url without redirects)
  std::vector<RedirectHop> redirects;
  Timings timings;
  std::string http_version;      ///< "1.1", "2", …
  std::uint64_t wire_bytes = 0;  ///< body bytes received before decoding, every hop
  Error error;                   ///< error.code is empty on success

  bool ok() const { return !error.code; }

  /// FetchErrc of a failure (0 when ok()).
  FetchErrc errc() const { return static_cast<FetchErrc>(error.code.value()); }
};

}  // namespace koubei::http
