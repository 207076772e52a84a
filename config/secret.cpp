#include "config/secret.hpp"

#include <algorithm>
#include <array>

namespace koubei::config {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// [begin, end) of the password in "scheme://user:password@host…", or npos.
std::pair<std::size_t, std::size_t> url_password_span(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {std::string_view::npos, 0};
  const auto authority_start = scheme + 3;
  const auto authority_end = url.find_first_of("/?#", authority_start);
  const auto authority = url.substr(authority_start, authority_end == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : authority_end - authority_start);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return {std::string_view::npos, 0};
  const auto colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return {std::string_view::npos, 0};
  return {authority_start + colon + 1, authority_start + at};
}

// [begin, end) of the value of "password=" in a libpq key/value DSN, or npos.
std::pair<std::size_t, std::size_t> kv_password_span(std::string_view dsn) {
  std::size_t pos = 0;
  while ((pos = dsn.find("password", pos)) != std::string_view::npos) {
    const bool word_start = pos == 0 || dsn[pos - 1] == ' ' || dsn[pos - 1] == '\t';
    std::size_t eq = pos + 8;
    while (eq < dsn.size() && dsn[eq] == ' ') ++eq;
    if (word_start && eq < dsn.size() && dsn[eq] == '=') {
      std::size_t begin = eq + 1;
      while (begin < dsn.size() && dsn[begin] == ' ') ++begin;
      if (begin < dsn.size() && dsn[begin] == '\'') {
        const auto close = dsn.find('\'', begin + 1);
        return {begin + 1, close == std::string_view::npos ? dsn.size() : close};
      }
      const auto end = dsn.find_first_of(" \t", begin);
      return {begin, end == std::string_view::npos ? dsn.size() : end};
    }
    pos += 8;
  }
  return {std::string_view::npos, 0};
}

std::pair<std::size_t, std::size_t> password_span(std::string_view dsn) {
  const auto url = url_password_span(dsn);
  return url.first != std::string_view::npos ? url : kv_password_span(dsn);
}

bool is_secret_param(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "xsec_token", "a_bogus", "X-Bogus", "msToken", "_token", "verifyFp",
      "access_token", "token", "sign", "signature", "password", "s_v_web_id"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

}  // namespace

void Redactor::add(std::string_view value) {
  if (value.size() < kMinLength) return;
  if (std::find(secrets_.begin(), secrets_.end(), value) != secrets_.end()) return;
  secrets_.emplace_back(value);
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Redactor::add_cookie(std::string_view cookie_header) {
  add(trim(cookie_header));
  std::size_t pos = 0;
  while (pos <= cookie_header.size()) {
    auto end = cookie_header.find(';', pos);
    if (end == std::string_view::npos) end = cookie_header.size();
    const auto pair = trim(cookie_header.substr(pos, end - pos));
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos) add(trim(pair.substr(eq + 1)));
    pos = end + 1;
  }
}

void Redactor::add_dsn(std::string_view dsn) { add(dsn_password(dsn)); }

std::string Redactor::redact(std::string_view text) const {
  std::string out(text);
  for (const auto& secret : secrets_) {
    std::size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), kMask);
      pos += kMask.size();
    }
  }
  return out;
}

std::string_view dsn_password(std::string_view dsn) {
  const auto [begin, end] = password_span(dsn);
  if (begin == std::string_view::npos) return {};
  return dsn.substr(begin, end - begin);
}

std::string mask_dsn(std::string_view dsn) {
  const auto [begin, end] = password_span(dsn);
  std::string out(dsn);
  if (begin != std::string_view::npos && end > begin) out.replace(begin, end - begin, kMask);
  return out;
}

std::string redact_url(std::string_view url) {
  std::string out = mask_dsn(url);
  const auto query = out.find('?');
  if (query == std::string::npos) return out;
  std::size_t pos = query + 1;
  while (pos < out.size()) {
    auto end = out.find_first_of("&#", pos);
    if (end == std::string::npos) end = out.size();
    const auto eq = out.find('=', pos);
    if (eq != std::string::npos && eq < end && is_secret_param(std::string_view(out).substr(pos, eq - pos)) &&
        end > eq + 1) {
      out.replace(eq + 1, end - eq - 1, kMask);
      end = eq + 1 + kMask.size();
    }
    if (end < out.size() && out[end] == '#') break;
    pos = end + 1;
  }
  return out;
}

}  // namespace koubei::config
