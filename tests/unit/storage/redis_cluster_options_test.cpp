#include "storage/errors.hpp"
#include "storage/redis/redis_connection.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::redis {
namespace {

using Catch::Matchers::Contains;

config::RedisConfig cluster_config(const std::string& url) {
  config::RedisConfig config;
  config.url = config::Secret(url);
  config.cluster = true;
  return config;
}

TEST_CASE("redis cluster: options take seeds and share the url's credentials",
          "[storage][redis][cluster]") {
  auto config = cluster_config("redis://:s3cret-pw@10.0.0.1:7000");
  config.cluster_seeds = {"redis://10.0.0.2:7001", "redis://10.0.0.3"};
  auto options = connection_options(config);
  REQUIRE(options.has_value());
  CHECK(options->cluster);
  REQUIRE(options->cluster_seeds.size() == 2);
  CHECK(options->cluster_seeds[0].port == 7001);
  CHECK(options->cluster_seeds[1].port == 6379);
  CHECK(options->cluster_seeds[1].password.reveal() == "s3cret-pw");

  RedisConnection connection(std::move(*options));  // lazy: nothing is contacted
  CHECK_FALSE(connection.connected());
  CHECK(connection.cluster_router() != nullptr);
  CHECK(connection.display() == "cluster redis://:***@10.0.0.1:7000/0 (+2 seeds)");
}

TEST_CASE("redis cluster: unix sockets and databases other than 0 are refused",
          "[storage][redis][cluster]") {
  const char* urls[] = {"unix:///run/redis.sock", "redis://:pw@127.0.0.1:7000/2"};
  for (const char* url : urls) {
    auto options = connection_options(cluster_config(url));
    REQUIRE_FALSE(options.has_value());
    CHECK(options.error().code == make_error_code(Errc::kBadAddress));
    CHECK_THAT(options.error().where, Contains("[redis] url"));
    CHECK_THAT(options.error().where, !Contains("pw@"));
  }
  auto seeded = cluster_config("redis://127.0.0.1:7000");
  seeded.cluster_seeds = {"redis://127.0.0.1:7001/1"};
  auto options = connection_options(seeded);
  REQUIRE_FALSE(options.has_value());
  CHECK_THAT(options.error().where, Contains("cluster_seeds") && Contains("only db 0"));
  // Without cluster the same urls are fine.
  auto standalone = cluster_config("redis://127.0.0.1:7000/2");
  standalone.cluster = false;
  CHECK(connection_options(standalone).has_value());
}

}  // namespace
}  // namespace koubei::storage::redis
