#pragma once
// Helpers for the Redis Cluster integration tests: the [redis] section a koubei process would have
// for a test cluster, and a connection built from it the way the daemon builds one.

#include "config/config.hpp"
#include "storage/redis/redis_connection.hpp"
#include "tests/support/redis_cluster.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace koubei::storage::testing {

/// cluster = true; url = node 0, every other node a seed; generous timeouts (loaded machines).
inline config::RedisConfig cluster_redis_config(const test::RedisCluster& cluster) {
  config::RedisConfig config;
  config.url = config::Secret(cluster.url(0));
  config.cluster = true;
  for (std::size_t n = 1; n < cluster.size(); ++n)
    config.cluster_seeds.push_back(cluster.url(n));
  config.connect_timeout = std::chrono::seconds(10);
  config.command_timeout = std::chrono::seconds(10);
  return config;
}

inline std::shared_ptr<redis::RedisConnection> cluster_connection(
    const test::RedisCluster& cluster) {
  auto options = redis::connection_options(cluster_redis_config(cluster));
  REQUIRE(options.has_value());
  options->seed = 1;
  return std::make_shared<redis::RedisConnection>(std::move(*options));
}

/// n ids whose dedup keys land on different slots (and so on every master of a cluster).
inline std::vector<std::string> spread_ids(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i)
    ids.push_back("weibo:post:" + std::to_string(1000 + i));
  return ids;
}

}  // namespace koubei::storage::testing
