#pragma once
// RedisEndpoint: where a Redis server is and how to log in, parsed from the configured URL.
//
//   redis://[[user]:password@]host[:port][/db]     TCP; port 6379, db 0 by default
//   unix:///path/to/redis.sock[?db=N]             unix socket (password: unix://:pw@/path?db=N)
//
// rediss:// (TLS) is refused with a clear error: hiredis 0.14 has no TLS. A bad URL is
// Errc::kBadAddress whose `where` is the URL with its password masked (config::mask_dsn); the
// password itself only leaves through password().reveal() for AUTH.
//
// Thread safety: plain value.

#include "config/error.hpp"
#include "config/secret.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace koubei::storage::redis {

struct RedisEndpoint {
  enum class Kind : std::uint8_t { kTcp, kUnix };

  Kind kind = Kind::kTcp;
  std::string host;  ///< kTcp
  std::uint16_t port = 6379;
  std::string path;         ///< kUnix: socket path
  std::uint32_t db = 0;     ///< SELECT db after connecting (0: no SELECT)
  std::string user;         ///< ACL user for AUTH user password; empty = AUTH password
  config::Secret password;  ///< empty: no AUTH

  /// "redis://127.0.0.1:6379/0" or "unix:///run/redis.sock?db=2", password masked. For logs.
  std::string display() const;
};

/// Parses a redis:// or unix:// URL (see the header comment).
Result<RedisEndpoint> parse_redis_url(std::string_view url);

}  // namespace koubei::storage::redis
