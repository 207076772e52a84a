#include "storage/redis/redis_author_cache.hpp"

#include "tests/unit/storage/redis_test_support.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("redis author cache: put then get_many, newer facts win, TTL set",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  redis::RedisAuthorCache cache(connect_to(server.url()), "koubei:", 24h);
  const AuthorKey alice{"weibo", "1001"};
  const AuthorKey bob{"douyin", "b0b"};
  const AuthorKey nobody{"weibo", "404"};
  REQUIRE(status_of(cache.put(alice, {120000, true, "personal", 2000})) == "ok");
  REQUIRE(status_of(cache.put(bob, {std::nullopt, std::nullopt, "", 3000})) == "ok");
  // Older facts about alice arrive late: ignored.
  REQUIRE(status_of(cache.put(alice, {5, false, "", 1000})) == "ok");

  const std::vector<AuthorKey> keys = {alice, nobody, bob};
  auto got = cache.get_many(keys);
  REQUIRE(status_of(got) == "ok");
  REQUIRE(got->size() == 3);
  REQUIRE((*got)[0].has_value());
  CHECK((*got)[0]->followers == 120000);
  CHECK((*got)[0]->verified == true);
  CHECK((*got)[0]->verified_type == "personal");
  CHECK((*got)[0]->last_seen_ms == 2000);
  CHECK_FALSE((*got)[1].has_value());
  REQUIRE((*got)[2].has_value());
  CHECK_FALSE((*got)[2]->followers.has_value());
  CHECK_FALSE((*got)[2]->verified.has_value());
  CHECK((*got)[2]->last_seen_ms == 3000);

  // Newer facts replace the entry whole.
  REQUIRE(status_of(cache.put(alice, {130000, std::nullopt, "", 4000})) == "ok");
  auto newer = cache.get_many(std::vector<AuthorKey>{alice});
  REQUIRE(status_of(newer) == "ok");
  CHECK((*newer)[0]->followers == 130000);
  CHECK_FALSE((*newer)[0]->verified.has_value());

  const long long pttl = std::stoll(server.command({"PTTL", "koubei:author:{weibo:1001}"}));
  CHECK(pttl > 0);
  CHECK(pttl <= 24 * 3600 * 1000);
}

TEST_CASE("redis author cache: put_many is each put, in one round trip",
          "[.integration][storage][redis]") {
  test::RedisServer server;
  auto connection = connect_to(server.url());
  redis::RedisAuthorCache cache(connection, "koubei:", 24h);
  const AuthorKey alice{"weibo", "1001"};
  const AuthorKey bob{"douyin", "b0b"};
  REQUIRE(status_of(cache.put(alice, {120000, true, "personal", 2000})) == "ok");
  const auto batches = connection->stats().batches;
  const std::vector<AuthorPut> puts{
      {alice, {5, false, "", 1000}},                  // older than what is stored: ignored
      {bob, {42, std::nullopt, "", 3000}},
      {bob, {43, false, "", 3500}},                    // a later put of the same author wins
  };
  REQUIRE(status_of(cache.put_many(puts)) == "ok");
  CHECK(connection->stats().batches == batches + 1);
  auto got = cache.get_many(std::vector<AuthorKey>{alice, bob});
  REQUIRE(status_of(got) == "ok");
  CHECK((*got)[0]->followers == 120000);
  CHECK((*got)[0]->verified_type == "personal");
  CHECK((*got)[1]->followers == 43);
  CHECK((*got)[1]->verified == false);
  CHECK((*got)[1]->last_seen_ms == 3500);
  // A later put without followers drops the field (an unknown fact is absent, not stale).
  const std::vector<AuthorPut> unknown{{bob, {std::nullopt, std::nullopt, "", 4000}}};
  REQUIRE(status_of(cache.put_many(unknown)) == "ok");
  auto after = cache.get_many(std::vector<AuthorKey>{bob});
  REQUIRE(status_of(after) == "ok");
  CHECK_FALSE((*after)[0]->followers.has_value());
  CHECK_FALSE((*after)[0]->verified.has_value());
  CHECK(status_of(cache.put_many({})) == "ok");
}

}  // namespace
}  // namespace koubei::storage::testing
