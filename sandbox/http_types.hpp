#pragma once
// The sandbox's view of one HTTP exchange, independent of Beast: the request fields the simulated
// platforms look at and the answer they give (including "reset the connection" and a delay). The
// router (router.hpp) maps one to the other without IO, so tests can drive it directly.
//
// Plain values; thread-compatible.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace koubei::sandbox {

struct Request {
  std::string method = "GET";
  std::string path;   ///< percent-encoded, without the query
  std::string query;  ///< the raw query string, without '?'
  std::string body;
  /// Lower-case header names.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string peer_ip;

  std::string_view header(std::string_view lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool reset = false;        ///< close the connection without answering
  bool truncate = false;     ///< announce the whole body, send half of it, close (a cut transfer)
  std::int64_t delay_ms = 0; ///< answer after this long
};

/// Percent-decoding ('+' is a space in query strings).
std::string url_decode(std::string_view s, bool plus_is_space = true);
/// Percent-encoding of everything but unreserved characters.
std::string url_encode(std::string_view s);

/// The decoded value of `key` in a query string (or form body), first occurrence.
std::optional<std::string> query_param(std::string_view query, std::string_view key);

/// The value of cookie `name` in a Cookie header.
std::optional<std::string_view> cookie_value(std::string_view cookie_header, std::string_view name);

Response json_response(std::string body, int status = 200);
Response html_response(std::string body, int status = 200);

}  // namespace koubei::sandbox
