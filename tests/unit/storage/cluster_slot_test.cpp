#include "storage/redis/cluster_slot.hpp"

#include "storage/redis/cluster_redirect.hpp"
#include "storage/redis/cluster_route.hpp"
#include "storage/redis/key_schema.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::redis {
namespace {

TEST_CASE("redis cluster: key slots match the specification", "[storage][redis][cluster]") {
  CHECK(crc16_xmodem("123456789") == 0x31C3);  // the spec's check value
  CHECK(key_slot("123456789") == 0x31C3 % 16384);
  // Values checked against `redis-cli cluster keyslot` on redis 7.0.
  CHECK(key_slot("foo") == 12182);
  CHECK(key_slot("bar") == 5061);
  CHECK(key_slot("hello") == 866);
  CHECK(key_slot("{user1000}.following") == 3443);
  CHECK(key_slot("{user1000}.followers") == 3443);
  CHECK(key_slot("") == 0);
}

TEST_CASE("redis cluster: the hash tag rule", "[storage][redis][cluster]") {
  CHECK(hashed_part("{user1000}.following") == "user1000");
  CHECK(hashed_part("foo{}{bar}") == "foo{}{bar}");  // empty tag: the whole key
  CHECK(key_slot("foo{}{bar}") == 8363);
  CHECK(hashed_part("foo{{bar}}zap") == "{bar");
  CHECK(key_slot("foo{{bar}}zap") == key_slot("{bar"));
  CHECK(hashed_part("foo{bar") == "foo{bar");  // no closing brace
  CHECK(hashed_part("foo}bar{") == "foo}bar{");
  // koubei's keys hash their entity only, whatever the prefix.
  CHECK(key_slot(dedup_key("koubei:", "a")) == key_slot("a"));
  CHECK(key_slot(dedup_key("other:", "a")) == 15495);
  CHECK(key_slot(author_key("k:", "weibo", "42")) == key_slot("weibo:42"));
}

TEST_CASE("redis cluster: commands are routed by their key", "[storage][redis][cluster]") {
  RedisBatch batch;
  batch.add({"SET", "koubei:dedup:{a}", "c:1", "NX", "GET", "PX", std::int64_t{300000}});
  batch.add({"EVALSHA", "0123", std::int64_t{1}, "koubei:author:{weibo:42}", "x"});
  batch.add({"evalsha", "0123", std::int64_t{0}, "x"});
  batch.add({"SCRIPT", "LOAD", "return 1"});
  batch.add({"PING"});
  batch.add({"XADD", "koubei:mentions", "*", "id", "1"});
  batch.add({"hmget", "koubei:checkpoint:{job}", "cursor"});
  const auto slot = [&](std::size_t i) {
    const CommandRoute r = route_of(batch, i);
    return r.kind == CommandRoute::Kind::kSlot ? static_cast<int>(r.slot) : -1;
  };
  CHECK(slot(0) == key_slot("a"));
  CHECK(slot(1) == key_slot("weibo:42"));
  CHECK(slot(2) == -1);  // numkeys 0: no key, every master
  CHECK(slot(3) == -1);
  CHECK(slot(4) == -1);
  CHECK(slot(5) == key_slot("koubei:mentions"));
  CHECK(slot(6) == key_slot("job"));
}

TEST_CASE("redis cluster: MOVED, ASK, TRYAGAIN and CLUSTERDOWN are recognised",
          "[storage][redis][cluster]") {
  auto moved = parse_redirect("MOVED 3999 127.0.0.1:6381");
  REQUIRE(moved.has_value());
  CHECK(moved->kind == ClusterRedirect::Kind::kMoved);
  CHECK(moved->slot == 3999);
  CHECK(moved->node == ClusterNode{"127.0.0.1", 6381});

  auto ask = parse_redirect("ASK 12 [::1]:7000");
  REQUIRE(ask.has_value());
  CHECK(ask->kind == ClusterRedirect::Kind::kAsk);
  CHECK(ask->node == ClusterNode{"::1", 7000});
  CHECK(ask->node.name() == "[::1]:7000");

  auto same_host = parse_redirect("MOVED 5 :7001");
  REQUIRE(same_host.has_value());
  CHECK(same_host->node.host.empty());
  CHECK(same_host->node.port == 7001);

  CHECK_FALSE(parse_redirect("MOVED 16384 127.0.0.1:1"));
  CHECK_FALSE(parse_redirect("MOVED x 127.0.0.1:1"));
  CHECK_FALSE(parse_redirect("MOVED 1 127.0.0.1"));
  CHECK_FALSE(parse_redirect("ERR wrong number of arguments"));
  CHECK(is_retry_later("TRYAGAIN Multiple keys request during rehashing of slot"));
  CHECK(is_retry_later("CLUSTERDOWN The cluster is down"));
  CHECK_FALSE(is_retry_later("NOSCRIPT No matching script"));
}

}  // namespace
}  // namespace koubei::storage::redis
