#include "storage/redis/cluster_pipeline.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace koubei::storage::redis {
namespace {

RedisBatch numbered(int n) {
  RedisBatch batch;
  for (int i = 0; i < n; ++i)
    batch.add({"GET", "key" + std::to_string(i)});
  return batch;
}

TEST_CASE("redis batch: commands can be read back and copied", "[storage][redis][cluster]") {
  RedisBatch batch;
  batch.add({"SET", "k", "v"});
  batch.begin(3);
  batch.arg(std::string_view("EVALSHA"));
  batch.arg(std::string_view("abc"));
  batch.arg(std::int64_t{1});
  batch.add({"PING"});
  REQUIRE(batch.size() == 3);
  CHECK(batch.command(0) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
  CHECK(batch.command(2) == "*1\r\n$4\r\nPING\r\n");
  CHECK(batch.argument(1, 0) == "EVALSHA");
  CHECK(batch.argument(1, 2) == "1");
  CHECK_FALSE(batch.argument(1, 3).has_value());
  CHECK_FALSE(batch.argument(2, 1).has_value());

  RedisBatch copy;
  copy.append_command(batch, 2);
  copy.append_command(batch, 0);
  CHECK(copy.size() == 2);
  CHECK(copy.encoded() == std::string(batch.command(2)) + std::string(batch.command(0)));
  CHECK(copy.argument(1, 1) == "k");
  batch.clear();
  CHECK(batch.empty());
  CHECK(batch.encoded().empty());
}

TEST_CASE("redis cluster: a batch splits into one pipeline per node in the caller's order",
          "[storage][redis][cluster]") {
  const RedisBatch batch = numbered(6);
  // Redirected copies arrive out of order (command 4 before 1); node 7 gets an ASK.
  const std::vector<Dispatch> dispatches = {{0, 2, false, 0},
                                            {4, 5, false, 0},
                                            {1, 5, false, 1},
                                            {3, 7, true, 1},
                                            {2, 2, false, 0},
                                            {5, 5, false, 0}};
  const auto pipelines = split_by_node(batch, dispatches);
  REQUIRE(pipelines.size() == 3);

  CHECK(pipelines[0].node == 2);
  CHECK(pipelines[0].batch.encoded() ==
        std::string(batch.command(0)) + std::string(batch.command(2)));
  CHECK(pipelines[0].reply_index == std::vector<std::size_t>{0, 1});

  CHECK(pipelines[1].node == 5);
  REQUIRE(pipelines[1].dispatches.size() == 3);
  CHECK(pipelines[1].dispatches[0].command == 1);
  CHECK(pipelines[1].dispatches[1].command == 4);
  CHECK(pipelines[1].dispatches[2].command == 5);
  CHECK(pipelines[1].dispatches[0].redirects == 1);

  CHECK(pipelines[2].node == 7);
  REQUIRE(pipelines[2].batch.size() == 2);
  CHECK(pipelines[2].batch.argument(0, 0) == "ASKING");
  CHECK(pipelines[2].batch.argument(1, 1) == "key3");
  CHECK(pipelines[2].reply_index == std::vector<std::size_t>{1});

  // Putting each pipeline's replies back by command index restores the caller's order.
  std::vector<std::string> replies(batch.size());
  for (const auto& p : pipelines) {
    for (std::size_t k = 0; k < p.dispatches.size(); ++k) {
      replies[p.dispatches[k].command] = std::string(*p.batch.argument(p.reply_index[k], 1));
    }
  }
  CHECK(replies == std::vector<std::string>{"key0", "key1", "key2", "key3", "key4", "key5"});
}

TEST_CASE("redis cluster: a command without a key is copied to every node it is dispatched to",
          "[storage][redis][cluster]") {
  RedisBatch batch;
  batch.add({"SCRIPT", "LOAD", "return 1"});
  batch.add({"EVALSHA", "e0e1", std::int64_t{1}, "k"});
  const std::vector<Dispatch> dispatches = {{0, 0}, {0, 1}, {0, 2}, {1, 1}};
  const auto pipelines = split_by_node(batch, dispatches);
  REQUIRE(pipelines.size() == 3);
  CHECK(pipelines[1].node == 1);
  REQUIRE(pipelines[1].batch.size() == 2);
  CHECK(pipelines[1].batch.argument(0, 0) == "SCRIPT");  // loaded before its EVALSHA runs
  CHECK(pipelines[1].batch.argument(1, 0) == "EVALSHA");
  CHECK(split_by_node(batch, {}).empty());
}

}  // namespace
}  // namespace koubei::storage::redis
