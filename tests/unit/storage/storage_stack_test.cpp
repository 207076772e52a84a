// open_storage(): the whole storage stack from a configuration, without servers (the Redis and
// PostgreSQL cases run in delivery_crash_test.cpp and delivery_redis_test.cpp).

#include "storage/storage_stack.hpp"

#include "storage/errors.hpp"
#include "storage/fd_sink.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

namespace koubei::storage {
namespace {

using testing::status_of;

config::Config embedded_config(const koubei::test::TempDir& dir) {
  config::Config config;
  config.daemon.state_dir = (dir / "state").string();
  config::SinkConfig jsonl;
  jsonl.name = "jsonl";
  jsonl.path = (dir / "out.jsonl").string();
  config.sinks = {jsonl};
  return config;
}

}  // namespace

TEST_CASE("open_storage: embedded stores, lanes and pipeline that deliver and checkpoint",
          "[storage][pipeline]") {
  koubei::test::TempDir dir;
  const config::Config config = embedded_config(dir);
  {
    auto storage = open_storage(config);
    REQUIRE(status_of(storage) == "ok");
    CHECK(storage->description() ==
          "state: embedded " + config.daemon.state_dir + "; sinks: jsonl");
    const CheckpointIntent intent{"job", Checkpoint{"c1", 0, "", 0}};
    const auto report = storage->pipeline->deliver(testing::mentions(0, 3), &intent);
    REQUIRE(status_of(report) == "ok");
    CHECK(report->checkpoint == CheckpointVerdict::kAdvance);

    // A second daemon on the same state dir is refused whole, at start-up.
    auto second = open_storage(config);
    REQUIRE(second.has_error());
    CHECK(second.error().code == Errc::kLocked);
  }
  // Reopened (the lock went with the first stack): it remembers the ids and the checkpoint.
  auto again = open_storage(config);
  REQUIRE(status_of(again) == "ok");
  const auto repeat = again->pipeline->deliver(testing::mentions(0, 4));
  REQUIRE(status_of(repeat) == "ok");
  CHECK(repeat->skipped == 3);
  CHECK(repeat->fresh == 1);
  auto checkpoint = again->stores.checkpoints->load("job");
  REQUIRE(status_of(checkpoint) == "ok");
  REQUIRE(checkpoint->has_value());
  CHECK((*checkpoint)->cursor == "c1");
  CHECK(testing::jsonl_ids(dir / "out.jsonl") == testing::id_range(0, 4));
}

TEST_CASE("open_storage: a bad sink releases the state dir and names the sink",
          "[storage][pipeline]") {
  koubei::test::TempDir dir;
  config::Config config = embedded_config(dir);
  config::SinkConfig stream;
  stream.type = config::SinkType::kRedisStream;
  stream.name = "events";
  stream.redis_url = config::Secret("rediss://:hunter2@example.org/0");  // TLS is refused
  config.sinks.push_back(stream);
  const auto refused = open_storage(config);
  REQUIRE(refused.has_error());
  CHECK(refused.error().code == Errc::kBadAddress);
  CHECK_THAT(refused.error().message(), Catch::Matchers::Contains("redis_stream sink events"));
  CHECK_THAT(refused.error().message(), !Catch::Matchers::Contains("hunter2"));

  config.sinks.pop_back();
  CHECK(status_of(open_storage(config)) == "ok");  // nothing of the failed start holds the lock
}

TEST_CASE("open_private_storage: the given sink, a private dedup store, the spool under its root",
          "[storage][pipeline]") {
  koubei::test::TempDir dir;
  config::Config config = embedded_config(dir);
  // A daemon's shared stores are never touched: not its state dir, not its Redis.
  config.redis = config::RedisConfig{};
  config.redis->url = config::Secret("redis://127.0.0.1:1/0");
  const std::filesystem::path out = dir / "backfill.jsonl";
  const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  {
    auto storage = open_private_storage(config, std::make_unique<FdSink>(fd, "backfill out"),
                                        (dir / "private").string());
    REQUIRE(status_of(storage) == "ok");
    CHECK(storage->stores.checkpoints == nullptr);
    CHECK(std::filesystem::is_directory(dir / "private" / "spool" / "backfill_out"));

    const auto first = storage->pipeline->deliver(testing::mentions(0, 3));
    REQUIRE(status_of(first) == "ok");
    CHECK(first->fresh == 3);
    // The same ids again (an overlapping window): delivered once, the second time skipped.
    const auto second = storage->pipeline->deliver(testing::mentions(1, 3));
    REQUIRE(status_of(second) == "ok");
    CHECK(second->skipped == 2);
    CHECK(second->fresh == 1);
  }
  ::close(fd);
  CHECK(testing::jsonl_ids(out) == testing::id_range(0, 4));
  CHECK_FALSE(std::filesystem::exists(config.daemon.state_dir));

  // Private means private: a second stack starts with an empty dedup store of its own.
  const std::filesystem::path again_out = dir / "again.jsonl";
  const int again_fd = ::open(again_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  REQUIRE(again_fd >= 0);
  {
    auto again = open_private_storage(config, std::make_unique<FdSink>(again_fd, "again"),
                                      (dir / "private").string());
    REQUIRE(status_of(again) == "ok");
    const auto report = again->pipeline->deliver(testing::mentions(0, 2));
    REQUIRE(status_of(report) == "ok");
    CHECK(report->fresh == 2);
  }
  ::close(again_fd);
  CHECK(testing::jsonl_ids(again_out) == testing::id_range(0, 2));
}

}  // namespace koubei::storage
