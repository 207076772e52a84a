#include "storage/redis/redis_endpoint.hpp"

#include "storage/errors.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace koubei::storage::redis {
namespace {

using Catch::Matchers::Contains;
using Kind = RedisEndpoint::Kind;

TEST_CASE("redis url: tcp forms with defaults, db and password", "[storage][redis]") {
  auto plain = parse_redis_url("redis://127.0.0.1");
  REQUIRE(plain.has_value());
  CHECK(plain->kind == Kind::kTcp);
  CHECK(plain->host == "127.0.0.1");
  CHECK(plain->port == 6379);
  CHECK(plain->db == 0);
  CHECK(plain->password.empty());

  auto full = parse_redis_url("redis://:s3cret@cache.local:6380/4");
  REQUIRE(full.has_value());
  CHECK(full->host == "cache.local");
  CHECK(full->port == 6380);
  CHECK(full->db == 4);
  CHECK(full->user.empty());
  CHECK(full->password.reveal() == "s3cret");
  CHECK(full->display() == "redis://:***@cache.local:6380/4");

  auto acl = parse_redis_url("redis://koubei:p@ss@h:1/2");  // '@' inside the password
  REQUIRE(acl.has_value());
  CHECK(acl->user == "koubei");
  CHECK(acl->password.reveal() == "p@ss");
  CHECK(acl->host == "h");

  auto v6 = parse_redis_url("redis://[::1]:7000/1");
  REQUIRE(v6.has_value());
  CHECK(v6->host == "::1");
  CHECK(v6->port == 7000);
  CHECK(v6->display() == "redis://[::1]:7000/1");
}

TEST_CASE("redis url: unix socket with db and password", "[storage][redis]") {
  auto u = parse_redis_url("unix:///run/redis/redis.sock?db=3");
  REQUIRE(u.has_value());
  CHECK(u->kind == Kind::kUnix);
  CHECK(u->path == "/run/redis/redis.sock");
  CHECK(u->db == 3);
  CHECK(u->display() == "unix:///run/redis/redis.sock?db=3");

  auto pw = parse_redis_url("unix://:hunter22@/tmp/r.sock");
  REQUIRE(pw.has_value());
  CHECK(pw->path == "/tmp/r.sock");
  CHECK(pw->password.reveal() == "hunter22");
  CHECK(pw->display() == "unix://:***@/tmp/r.sock");
}

TEST_CASE("redis url: bad addresses are kBadAddress with the password masked", "[storage][redis]") {
  struct Case {
    std::string url;
    std::string why;
  };

  const auto c = GENERATE(values<Case>({
      {"rediss://:topsecret@h:6379/0", "TLS"},
      {"http://h:6379", "expected redis://"},
      {"redis://:topsecret@h:notaport/0", "port"},
      {"redis://:topsecret@h:0/0", "port"},
      {"redis://:topsecret@h:70000/0", "port"},
      {"redis://:topsecret@:6379/0", "missing host"},
      {"redis://:topsecret@h:6379/x", "db"},
      {"redis://topsecret@h:6379/0", "without password"},
      {"unix://relative.sock", "absolute"},
      {"unix:///tmp/r.sock?database=1", "db=N"},
      {"unix://:topsecret@/tmp/r.sock?db=x", "db=N"},
  }));
  INFO(c.url);
  auto r = parse_redis_url(c.url);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == make_error_code(Errc::kBadAddress));
  CHECK_THAT(r.error().message(), Contains(c.why));
  CHECK_THAT(r.error().message(), !Contains("topsecret"));
}

}  // namespace
}  // namespace koubei::storage::redis
