#include "crawler/requests/url_builder.hpp"

#include "config/json_string.hpp"

namespace koubei::requests {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

UrlBuilder::UrlBuilder(std::string_view base, std::string_view path) : url_(base) {
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
  if (path.empty() || path.front() != '/') url_.push_back('/');
  url_.append(path);
}

UrlBuilder& UrlBuilder::raw_param(std::string_view key, std::string_view encoded_value) {
  url_.push_back(has_query_ ? '&' : '?');
  has_query_ = true;
  url_.append(percent_encode(key));
  url_.push_back('=');
  url_.append(encoded_value);
  return *this;
}

UrlBuilder& UrlBuilder::param(std::string_view key, std::string_view value) {
  return raw_param(key, percent_encode(value));
}

UrlBuilder& UrlBuilder::param(std::string_view key, long long value) {
  return raw_param(key, std::to_string(value));
}

std::string json_quote(std::string_view text) {
  std::string out;
  text::append_json_string(text, out);
  return out;
}

}  // namespace koubei::requests
