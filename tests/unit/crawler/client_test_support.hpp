#pragma once
// Helpers for the PlatformClient unit tests: a client on fake hosts, walks started at a fixed now,
// parsed pages that continue with a cursor, and readers of a request's parameters and headers.

#include "crawler/clients/platform_client.hpp"
#include "parsers/url_query.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace koubei::clients::test {

using config::PlatformId;
using parsers::PageType;
using requests::RequestSpec;
using requests::Signing;

// 2026-11-22T02:00:00Z: the walks' "now".
inline constexpr std::int64_t kNowMs = 1795312800000;
inline constexpr std::int64_t kNow = kNowMs / 1000;

inline PlatformClient client(PlatformId id,
                             std::string signer_url = "",
                             config::SearchRoute route = config::SearchRoute::kApi) {
  config::PlatformConfig c;
  c.base_url = "https://api.test";
  c.web_url = "https://web.test/";
  c.signer_url = std::move(signer_url);
  c.search_route = route;
  return PlatformClient(id, std::move(c));
}

inline const std::string kSigner = "http://127.0.0.1:9/sign";

inline ListingWalk walk(const PlatformClient& c, const Listing& l, std::uint32_t random31 = 7) {
  auto w = c.start(l, kNowMs, random31);
  INFO((w.has_value() ? std::string("ok") : w.error().message()));
  REQUIRE(w.has_value());
  return std::move(*w);
}

inline Listing listing(ListingKind kind, std::string key, std::string comment_id = "") {
  Listing l;
  l.kind = kind;
  l.key = std::move(key);
  l.comment_id = std::move(comment_id);
  return l;
}

// A parsed page that continues with `cursor` (and `session`).
inline parsers::ParseResult page_with(std::string cursor, std::string session = "") {
  parsers::ParseResult r;
  r.verdict = parsers::Verdict::kOk;
  r.next = parsers::Cursor(false, std::move(cursor), std::move(session));
  return r;
}

inline std::string param(const RequestSpec& r, std::string_view name) {
  return parsers::query_param(r.url, name).value_or("<absent>");
}

inline std::string header(const RequestSpec& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "<missing>";
}

}  // namespace koubei::clients::test
