// SeenItems: a bounded memory of processed item ids, oldest forgotten first.

#include "scheduler/run/seen_items.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace koubei::scheduler {

TEST_CASE("SeenItems remembers ids with their creation time and pending comments",
          "[scheduler][seen]") {
  SeenItems seen(8);
  CHECK(seen.find("weibo:post:1") == nullptr);
  seen.remember("weibo:post:1", {1'700'000'000'000, false});
  seen.remember("weibo:post:2", {std::nullopt, true});
  REQUIRE(seen.find("weibo:post:1") != nullptr);
  CHECK(seen.find("weibo:post:1")->created_ms == 1'700'000'000'000);
  CHECK_FALSE(seen.find("weibo:post:1")->comments_pending);
  REQUIRE(seen.find("weibo:post:2") != nullptr);
  CHECK_FALSE(seen.find("weibo:post:2")->created_ms.has_value());
  CHECK(seen.find("weibo:post:2")->comments_pending);
  CHECK(seen.size() == 2);
}

TEST_CASE("SeenItems is bounded: the oldest ids are forgotten first", "[scheduler][seen]") {
  SeenItems seen(3);
  for (int i = 1; i <= 5; ++i) {
    seen.remember("id" + std::to_string(i), {i, false});
    CHECK(seen.size() == static_cast<std::size_t>(std::min(i, 3)));
  }
  CHECK(seen.find("id1") == nullptr);
  CHECK(seen.find("id2") == nullptr);
  for (int i = 3; i <= 5; ++i) {
    REQUIRE(seen.find("id" + std::to_string(i)) != nullptr);
    CHECK(seen.find("id" + std::to_string(i))->created_ms == i);
  }
}

TEST_CASE("SeenItems: remembering an id again updates it without growing", "[scheduler][seen]") {
  SeenItems seen(3);
  seen.remember("a", {1, true});
  seen.remember("b", {2, false});
  seen.remember("a", {10, false});  // its comments were crawled after all
  CHECK(seen.size() == 2);
  REQUIRE(seen.find("a") != nullptr);
  CHECK(seen.find("a")->created_ms == 10);
  CHECK_FALSE(seen.find("a")->comments_pending);

  // Updates take no extra room: two more ids fit before "a", the oldest, goes.
  seen.remember("c", {3, false});
  CHECK(seen.size() == 3);
  CHECK(seen.find("a") != nullptr);
  seen.remember("d", {4, false});
  CHECK(seen.size() == 3);
  CHECK(seen.find("a") == nullptr);
  CHECK(seen.find("b") != nullptr);
  CHECK(seen.find("c") != nullptr);
  CHECK(seen.find("d") != nullptr);
}

}  // namespace koubei::scheduler
