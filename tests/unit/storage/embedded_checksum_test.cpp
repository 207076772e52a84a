#include "storage/embedded/checksum.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::embedded {
namespace {

TEST_CASE("crc32c matches the Castagnoli check value", "[storage][embedded]") {
  CHECK(crc32c("123456789") == 0xE3069283U);
  CHECK(crc32c("") == 0U);
  // Incremental use gives the same answer as one call.
  CHECK(crc32c("56789", crc32c("1234")) == crc32c("123456789"));
}

TEST_CASE("xxh64 matches the reference implementation", "[storage][embedded]") {
  CHECK(xxh64("") == 0xEF46DB3751D8E999ULL);
  CHECK(xxh64("a") == 0xD24EC4F1A98C6E5BULL);
  CHECK(xxh64("abc") == 0x44BC2CF5AD770999ULL);
  // 39 bytes: the four-lane loop (value from the python-xxhash documentation). The on-disk
  // fingerprints depend on these values: a change is a failing test, not a silent migration.
  CHECK(xxh64("Nobody inspects the spammish repetition") == 0xFBCEA83C8A378BF1ULL);
  CHECK(xxh64("weibo:post:1") != xxh64("weibo:post:2"));
}

}  // namespace
}  // namespace koubei::storage::embedded
