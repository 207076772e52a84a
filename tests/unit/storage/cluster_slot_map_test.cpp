#include "storage/redis/cluster_slot_map.hpp"

#include "storage/errors.hpp"
#include "storage/redis/redis_reply.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace koubei::storage::redis {
namespace {

// A reply as hiredis would build it from these RESP bytes.
ReplyPtr parse_resp(const std::string& resp) {
  std::unique_ptr<redisReader, decltype(&redisReaderFree)> reader(redisReaderCreate(),
                                                                  &redisReaderFree);
  REQUIRE(redisReaderFeed(reader.get(), resp.data(), resp.size()) == REDIS_OK);
  void* raw = nullptr;
  REQUIRE(redisReaderGetReply(reader.get(), &raw) == REDIS_OK);
  REQUIRE(raw != nullptr);
  return ReplyPtr(static_cast<redisReply*>(raw));
}

std::string node(const std::string& host, int port, const std::string& id) {
  return "*4\r\n$" + std::to_string(host.size()) + "\r\n" + host + "\r\n:" + std::to_string(port) +
         "\r\n$" + std::to_string(id.size()) + "\r\n" + id + "\r\n*0\r\n";
}

std::string range(int first, int last, const std::string& nodes, int count) {
  return "*" + std::to_string(2 + count) + "\r\n:" + std::to_string(first) +
         "\r\n:" + std::to_string(last) + "\r\n" + nodes;
}

TEST_CASE("redis cluster: CLUSTER SLOTS replies become a slot map", "[storage][redis][cluster]") {
  const std::string reply =
      "*3\r\n" + range(0, 5460, node("127.0.0.1", 30001, "a") + node("127.0.0.1", 30004, "d"), 2) +
      range(5461, 10922, node("", 30002, "b"), 1) +
      range(10923, 16383, node("127.0.0.1", 30003, "c"), 1);
  auto map = ClusterSlotMap::from_cluster_slots(*parse_resp(reply), "10.1.2.3");
  REQUIRE(map.has_value());
  REQUIRE(map->masters().size() == 3);
  CHECK(map->masters()[0] == ClusterNode{"127.0.0.1", 30001});
  CHECK(map->masters()[1] == ClusterNode{"10.1.2.3", 30002});  // "": the node that answered
  CHECK(map->replicas() == std::vector<ClusterNode>{{"127.0.0.1", 30004}});
  CHECK(map->covered_slots() == 16384);
  CHECK(map->owner(0) == 0u);
  CHECK(map->owner(5460) == 0u);
  CHECK(map->owner(5461) == 1u);
  CHECK(map->owner(16383) == 2u);

  map->assign(7000, ClusterNode{"127.0.0.1", 30009});  // after -MOVED 7000 127.0.0.1:30009
  CHECK(map->owner(7000) == 3u);
  CHECK(map->masters().size() == 4);
  map->assign(7001, ClusterNode{"127.0.0.1", 30001});
  CHECK(map->owner(7001) == 0u);
}

TEST_CASE("redis cluster: gaps and unknown endpoints leave slots without owner",
          "[storage][redis][cluster]") {
  const std::string reply =
      "*2\r\n" + range(0, 99, node("127.0.0.1", 1, "a"), 1) + range(200, 299, node("?", 2, "b"), 1);
  auto map = ClusterSlotMap::from_cluster_slots(*parse_resp(reply), "h");
  REQUIRE(map.has_value());
  CHECK(map->covered_slots() == 100);
  CHECK(map->owner(99) == 0u);
  CHECK_FALSE(map->owner(100).has_value());
  CHECK_FALSE(map->owner(250).has_value());
  CHECK_FALSE(ClusterSlotMap().owner(0).has_value());
}

TEST_CASE("redis cluster: malformed CLUSTER SLOTS replies are protocol errors",
          "[storage][redis][cluster]") {
  const std::string bad[] = {
      "-ERR This instance has cluster support disabled\r\n",
      "*1\r\n*2\r\n:0\r\n:1\r\n",                                // no master
      "*1\r\n" + range(5, 4, node("h", 1, "a"), 1),              // first > last
      "*1\r\n" + range(0, 16384, node("h", 1, "a"), 1),          // beyond the last slot
      "*1\r\n" + range(0, 1, "*2\r\n$1\r\nh\r\n:70000\r\n", 1),  // port out of range
      "*1\r\n" + range(0, 1, ":1\r\n", 1),                       // node is not an array
  };
  for (const auto& text : bad) {
    auto map = ClusterSlotMap::from_cluster_slots(*parse_resp(text), "h");
    REQUIRE_FALSE(map.has_value());
    CHECK(map.error().code == make_error_code(Errc::kProtocol));
    CHECK(map.error().where.starts_with("CLUSTER SLOTS: "));
  }
}

TEST_CASE("redis cluster: node names parse like MOVED addresses", "[storage][redis][cluster]") {
  CHECK(parse_node_name("127.0.0.1:6379") == ClusterNode{"127.0.0.1", 6379});
  CHECK(parse_node_name("[::1]:6379") == ClusterNode{"::1", 6379});
  CHECK(parse_node_name("redis-0.svc:7000") == ClusterNode{"redis-0.svc", 7000});
  CHECK_FALSE(parse_node_name("127.0.0.1"));
  CHECK_FALSE(parse_node_name(":6379"));
  CHECK_FALSE(parse_node_name("h:0"));
  CHECK_FALSE(parse_node_name("h:65536"));
}

}  // namespace
}  // namespace koubei::storage::redis
