#include "storage/redis/redis_endpoint.hpp"

#include "storage/errors.hpp"

#include <charconv>

namespace koubei::storage::redis {
namespace {

// The URL with its whole userinfo masked: unlike config::mask_dsn this also hides a userinfo
// without ':' ("redis://secret@host"), which a typo can turn into a password.
std::string masked(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return config::mask_dsn(url);
  const auto start = scheme + 3;
  const auto at = url.substr(0, url.find_first_of("?#", start)).rfind('@');
  if (at == std::string_view::npos || at < start) return std::string(url);
  return std::string(url.substr(0, start)) + std::string(config::kMask) +
         std::string(url.substr(at));
}

Error bad(std::string_view url, std::string_view why) {
  return {make_error_code(Errc::kBadAddress), masked(url) + ": " + std::string(why)};
}

template <class T>
bool parse_number(std::string_view text, T& out) {
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

// Splits "[user][:password]@rest" off the front of `rest`; the '@' searched is the last one before
// the path so that a password may contain '@'.
void take_userinfo(std::string_view& rest, std::string_view path_start_chars, RedisEndpoint& ep) {
  const auto authority_end = rest.find_first_of(path_start_chars);
  const auto at = rest.substr(0, authority_end).rfind('@');
  if (at == std::string_view::npos) return;
  const std::string_view userinfo = rest.substr(0, at);
  rest.remove_prefix(at + 1);
  const auto colon = userinfo.find(':');
  if (colon == std::string_view::npos) {
    ep.user = std::string(userinfo);  // refused by the caller: ambiguous and unmaskable
    return;
  }
  ep.user = std::string(userinfo.substr(0, colon));
  ep.password = config::Secret(std::string(userinfo.substr(colon + 1)));
}

Result<RedisEndpoint> parse_tcp(std::string_view url, std::string_view rest) {
  RedisEndpoint ep;
  ep.kind = RedisEndpoint::Kind::kTcp;
  take_userinfo(rest, "/?", ep);
  if (!ep.user.empty() && ep.password.empty()) {
    return bad(url, "a user without password; write redis://:password@host or user:password@");
  }
  const auto slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  std::string_view db = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (hostport.starts_with('[')) {  // [::1]:6379
    const auto close = hostport.find(']');
    if (close == std::string_view::npos) return bad(url, "unclosed '[' in host");
    ep.host = std::string(hostport.substr(1, close - 1));
    hostport.remove_prefix(close + 1);
    if (!hostport.empty() && !hostport.starts_with(':')) return bad(url, "junk after ']'");
    if (!hostport.empty() && !parse_number(hostport.substr(1), ep.port)) {
      return bad(url, "port is not a number in 1..65535");
    }
  } else {
    const auto colon = hostport.rfind(':');
    ep.host = std::string(hostport.substr(0, colon));
    if (colon != std::string_view::npos && !parse_number(hostport.substr(colon + 1), ep.port)) {
      return bad(url, "port is not a number in 1..65535");
    }
  }
  if (ep.host.empty()) return bad(url, "missing host");
  if (ep.port == 0) return bad(url, "port is not a number in 1..65535");
  if (!db.empty() && !parse_number(db, ep.db)) return bad(url, "db is not a number");
  return ep;
}

Result<RedisEndpoint> parse_unix(std::string_view url, std::string_view rest) {
  RedisEndpoint ep;
  ep.kind = RedisEndpoint::Kind::kUnix;
  take_userinfo(rest, "/", ep);
  if (!ep.user.empty() && ep.password.empty()) {
    return bad(url, "a user without password; write unix://:password@/path");
  }
  const auto query = rest.find('?');
  ep.path = std::string(rest.substr(0, query));
  if (ep.path.empty() || ep.path.front() != '/') {
    return bad(url, "expected an absolute socket path: unix:///path/to/redis.sock");
  }
  if (query != std::string_view::npos) {
    const std::string_view q = rest.substr(query + 1);
    if (!q.starts_with("db=") || !parse_number(q.substr(3), ep.db)) {
      return bad(url, "the only query parameter is db=N");
    }
  }
  return ep;
}

}  // namespace

std::string RedisEndpoint::display() const {
  std::string auth;
  if (!password.empty()) auth = user + ":" + std::string(config::kMask) + "@";
  if (kind == Kind::kUnix) {
    return "unix://" + auth + path + (db != 0 ? "?db=" + std::to_string(db) : "");
  }
  const bool v6 = host.find(':') != std::string::npos;
  return "redis://" + auth + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" +
         std::to_string(db);
}

Result<RedisEndpoint> parse_redis_url(std::string_view url) {
  if (url.starts_with("rediss://")) {
    return bad(url,
               "rediss:// (TLS) is not supported by this build (hiredis 0.14 has no TLS); "
               "use a local TLS proxy such as stunnel and redis://");
  }
  if (url.starts_with("redis://")) return parse_tcp(url, url.substr(8));
  if (url.starts_with("unix://")) return parse_unix(url, url.substr(7));
  return bad(url, "expected redis://host:port/db or unix:///path/to/socket");
}

}  // namespace koubei::storage::redis
