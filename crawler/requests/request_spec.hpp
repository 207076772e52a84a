#pragma once
// RequestSpec: one platform request exactly as platforms.md describes it (path, parameters, method,
// JSON body, Referer), built by the per-platform builders in this directory from a job's state.
// It is a plain value: the scheduler attaches account cookies and proxy, the signer client adds
// signatures where `signing` asks for them, and the HTTP engine sends it.
//
// Builders are pure (no IO, no clock: what varies, like a search_id, is an argument), so the
// sandbox tests and unit tests check the exact bytes a platform would receive.

#include "parsers/page.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace koubei::requests {

/// Which signature the request needs before it is sent.
enum class Signing : std::uint8_t {
  kNone,
  kXiaohongshu,  ///< x-s / x-t headers over path + query or path + JSON body
  kDouyin,       ///< a_bogus query parameter over the query string
};

std::string_view to_string(Signing s);

struct RequestSpec {
  parsers::PageType page_type = parsers::PageType::kWeiboSearchApi;
  std::string method = "GET";
  std::string url;  ///< absolute, query included, percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< JSON for POST, "" otherwise
  Signing signing = Signing::kNone;

  /// The path and query of `url` (what the signers sign).
  std::string_view path_and_query() const;
};

}  // namespace koubei::requests
