#pragma once
// Percent-encoding and query strings, the way browsers send them to these platforms: UTF-8 bytes,
// unreserved characters (A-Z a-z 0-9 - . _ ~) kept, everything else %XX in upper case. Pure.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace koubei::requests {

/// Percent-encodes every byte outside the unreserved set (so '/', '=', '&', ',' are encoded too).
std::string percent_encode(std::string_view text);

/// Builds "base + path?k1=v1&k2=v2" with keys and values percent-encoded, in the given order.
/// A trailing '/' of `base` and a leading '/' of `path` are merged.
class UrlBuilder {
 public:
  UrlBuilder(std::string_view base, std::string_view path);

  UrlBuilder& param(std::string_view key, std::string_view value);
  UrlBuilder& param(std::string_view key, long long value);
  /// A value that is already encoded (e.g. Weibo's containerid is encoded once by the platform's
  /// own front end and must not be encoded twice differently).
  UrlBuilder& raw_param(std::string_view key, std::string_view encoded_value);

  std::string str() const { return url_; }

 private:
  std::string url_;
  bool has_query_ = false;
};

/// `text` as a JSON string literal (quotes included), for the few JSON bodies the builders write.
std::string json_quote(std::string_view text);

}  // namespace koubei::requests
