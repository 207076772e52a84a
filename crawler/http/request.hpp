#pragma once
// What the engine fetches: one HTTP request with everything a crawler sets per request (account
// cookies, proxy, limits). Unset limits take the engine's config::HttpConfig values.
//
// A plain value: build it on any thread and move it into HttpEngine::fetch. Secrets (cookie,
// proxy password) are config::Secret and leave koubei only as the request's own header/option.

#include "config/secret.hpp"
#include "config/units.hpp"
#include "crawler/http/cookie_jar.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace koubei::http {

enum class Method { kGet, kPost, kPut, kDelete, kHead };

std::string_view to_string(Method m);
/// "GET", "post", … (ASCII case-insensitive); nullopt for anything else.
std::optional<Method> method_from_string(std::string_view name);

struct Request {
  Method method = Method::kGet;
  /// Absolute http:// or https:// URL. May hold tokens: it is redacted wherever it is printed.
  std::string url;
  /// Extra request headers, sent in order ("Referer", "X-Requested-With", "Content-Type", …). A
  /// "User-Agent" here replaces the configured one.
  std::vector<std::pair<std::string, std::string>> headers;
  /// Request body (a JSON POST). Sent for POST/PUT/DELETE; dropped when a 301/302/303 turns the
  /// request into a GET.
  std::string body;
  /// A Cookie header sent as is (an account's configured cookie).
  config::Secret cookie;
  /// The account's jar: Set-Cookie answers are kept in it and sent with later requests that share
  /// it. Null: cookies live only for this request's redirect chain.
  std::shared_ptr<CookieJar> cookie_jar;
  /// http://, https:// or socks5:// proxy URL (credentials allowed); empty = direct.
  config::Secret proxy;

  std::optional<config::Duration> connect_timeout;
  std::optional<config::Duration> request_timeout;
  std::optional<config::Duration> stall_timeout;
  std::optional<std::uint64_t> max_body;
  std::optional<std::uint64_t> max_decompressed;
  /// Same-site redirects followed; 0 = return the 3xx response itself.
  std::optional<std::uint32_t> max_redirects;
};

}  // namespace koubei::http
