#include "storage/errors.hpp"
#include "storage/state_stores.hpp"
#include "tests/unit/storage/embedded_test_support.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::testing {
namespace {

using Catch::Matchers::Contains;
using namespace std::chrono_literals;

TEST_CASE("state stores: no [redis] opens the embedded store in state_dir, locked",
          "[storage][embedded]") {
  TempDir dir;
  config::Config config;
  config.daemon.state_dir = (dir / "state").string();
  auto stores = open_state_stores(config);
  REQUIRE(status_of(stores) == "ok");
  CHECK_THAT(stores->description, Contains("embedded"));
  REQUIRE(status_of(stores->dedup->confirm(std::vector<std::string>{"x"}, 1h)) == "ok");
  REQUIRE(status_of(stores->checkpoints->save("job", Checkpoint{"c", 1, "", 2})) == "ok");
  CHECK(fs::exists(dir / "state" / "dedup.log"));
  CHECK(fs::exists(dir / "state" / "checkpoints" / "job.ckpt"));
  auto second = open_state_stores(config);  // a second daemon on the same state_dir
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().code == make_error_code(Errc::kLocked));
}

TEST_CASE("state stores: [redis] selects Redis; a bad url is refused at start",
          "[storage][redis]") {
  config::Config config;
  config.redis.emplace();
  config.redis->url = config::Secret("unix:///nonexistent/redis.sock");
  auto stores = open_state_stores(config);
  REQUIRE(status_of(stores) == "ok");  // not contacted yet
  CHECK_THAT(stores->description, Contains("redis unix:///nonexistent/redis.sock"));
  auto claim = stores->dedup->claim(std::vector<std::string>{"a"}, 1min);
  REQUIRE_FALSE(claim.has_value());
  CHECK(claim.error().code == make_error_code(Errc::kUnavailable));

  config.redis->url = config::Secret("rediss://:pw12345@h:1/0");
  auto bad = open_state_stores(config);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code == make_error_code(Errc::kBadAddress));
  CHECK_THAT(bad.error().message(), !Contains("pw12345"));
}

}  // namespace
}  // namespace koubei::storage::testing
