#include "storage/embedded/embedded_author_cache.hpp"

#include "tests/unit/storage/embedded_test_support.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::testing {
namespace {

using embedded::EmbeddedAuthorCache;
using embedded::EmbeddedAuthorOptions;
using namespace std::chrono_literals;

std::unique_ptr<EmbeddedAuthorCache> open_cache(const fs::path& dir,
                                                FakeWallClock& clock,
                                                std::uint64_t max_entries = 1000) {
  EmbeddedAuthorOptions options;
  options.now_ms = clock.fn();
  options.ttl = 24h;
  options.max_entries = max_entries;
  auto cache = EmbeddedAuthorCache::open(lock_dir(dir), options);
  REQUIRE(status_of(cache) == "ok");
  return std::move(*cache);
}

TEST_CASE("embedded author cache: newer facts win, persisted across reopen, TTL expires",
          "[storage][embedded]") {
  TempDir dir;
  FakeWallClock clock;
  const AuthorKey alice{"weibo", "1001"};
  const AuthorKey bob{"dianping", "77"};
  {
    auto cache = open_cache(dir.path(), clock);
    REQUIRE(status_of(cache->put(alice, {120000, true, "personal", 2000})) == "ok");
    REQUIRE(status_of(cache->put(alice, {5, false, "", 1000})) == "ok");  // older: ignored
    REQUIRE(status_of(cache->put(bob, {std::nullopt, std::nullopt, "", 3000})) == "ok");
  }  // destruction flushes
  auto cache = open_cache(dir.path(), clock);
  const std::vector<AuthorKey> keys = {alice, {"weibo", "404"}, bob};
  auto got = cache->get_many(keys).value();
  REQUIRE(got[0].has_value());
  CHECK(got[0]->followers == 120000);
  CHECK(got[0]->verified == true);
  CHECK(got[0]->verified_type == "personal");
  CHECK_FALSE(got[1].has_value());
  REQUIRE(got[2].has_value());
  CHECK_FALSE(got[2]->followers.has_value());
  CHECK_FALSE(got[2]->verified.has_value());
  clock.advance(25h);
  CHECK_FALSE(cache->get_many(keys).value()[0].has_value());
}

TEST_CASE("embedded author cache: bounded by max_entries, least recently seen go first",
          "[storage][embedded]") {
  TempDir dir;
  FakeWallClock clock;
  auto cache = open_cache(dir.path(), clock, 100);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(status_of(cache->put({"douyin", std::to_string(i)}, {i, false, "", 10000 + i})) ==
            "ok");
    REQUIRE(cache->size() <= 100);
  }
  const std::vector<AuthorKey> keys = {{"douyin", "999"}, {"douyin", "0"}};
  auto got = cache->get_many(keys).value();
  CHECK(got[0].has_value());
  CHECK_FALSE(got[1].has_value());
}

}  // namespace
}  // namespace koubei::storage::testing
