#include "storage/embedded/fingerprint_table.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace koubei::storage::embedded {
namespace {

TEST_CASE("fingerprint table: insert, update, expire, grow", "[storage][embedded]") {
  FingerprintTable table(1'000'000);
  const std::uint32_t now = 1000;
  CHECK_FALSE(table.find(fingerprint("a"), now));
  table.upsert(fingerprint("a"), now + 10, now);
  CHECK(table.find(fingerprint("a"), now) == now + 10);
  table.upsert(fingerprint("a"), now + 20, now);
  CHECK(table.find(fingerprint("a"), now) == now + 20);
  CHECK_FALSE(table.find(fingerprint("a"), now + 20));  // expired at its expiry second
  for (int i = 0; i < 100000; ++i)
    table.upsert(fingerprint(std::to_string(i)), now + 100, now);
  CHECK(table.count_live(now) == 100001);
  for (int i = 0; i < 100000; i += 997)
    CHECK(table.find(fingerprint(std::to_string(i)), now));
  CHECK_FALSE(table.find(fingerprint("never"), now));
  // Load stays within [0.35, 0.8]: 12 bytes per slot is 15..34 bytes per key.
  const double per_key = static_cast<double>(table.memory_bytes()) / 100001.0;
  CHECK(per_key >= 15.0);
  CHECK(per_key <= 35.0);
}

TEST_CASE("fingerprint table: expired entries are reused and dropped by rebuilds",
          "[storage][embedded]") {
  FingerprintTable table(1'000'000);
  std::uint32_t now = 1000;
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 10000; ++i) {
      table.upsert(fingerprint(std::to_string(round) + ":" + std::to_string(i)), now + 5, now);
    }
    now += 10;  // everything of this round expires
  }
  CHECK(table.count_live(now) == 0);
  CHECK(table.capacity() <= 32768);  // never grew towards 200 000 keys' worth
}

TEST_CASE("fingerprint table: never holds more than max_keys; evicts closest to expiry",
          "[storage][embedded]") {
  FingerprintTable table(1000);
  const std::uint32_t now = 1000;
  for (int i = 0; i < 5000; ++i) {
    table.upsert(fingerprint(std::to_string(i)), now + 100 + static_cast<std::uint32_t>(i), now);
    REQUIRE(table.count_live(now) <= 1000);
  }
  CHECK(table.evictions() >= 4000);
  CHECK(table.find(fingerprint("4999"), now));     // newest kept
  CHECK_FALSE(table.find(fingerprint("0"), now));  // soonest to expire went first
  CHECK(table.memory_bytes() <= 2048 * 12);        // bounded by max_keys, not by inserts
  // All with the same expiry (ids confirmed in one second): still bounded, not emptied.
  FingerprintTable same(1000);
  for (int i = 0; i < 3000; ++i)
    same.upsert(fingerprint("s" + std::to_string(i)), now + 5, now);
  CHECK(same.count_live(now) <= 1000);
  CHECK(same.count_live(now) >= 800);
}

}  // namespace
}  // namespace koubei::storage::embedded
