#include "storage/redis/redis_batch.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace koubei::storage::redis {
namespace {

TEST_CASE("redis batch: commands are RESP arrays of bulk strings, binary-safe",
          "[storage][redis]") {
  RedisBatch batch;
  CHECK(batch.empty());
  batch.add({"SET", "k", std::string_view("a\r\nb\0c", 6), "PX", std::int64_t{-42}});
  batch.begin(2);
  batch.arg(std::string_view("GET"));
  batch.arg(std::string_view(""));
  CHECK(batch.size() == 2);
  CHECK(
      batch.encoded() ==
      std::string_view("*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\na\r\nb\0c\r\n$2\r\nPX\r\n$3\r\n-42\r\n"
                       "*2\r\n$3\r\nGET\r\n$0\r\n\r\n",
                       68));
  batch.clear();
  CHECK(batch.empty());
  CHECK(batch.encoded().empty());
}

}  // namespace
}  // namespace koubei::storage::redis
