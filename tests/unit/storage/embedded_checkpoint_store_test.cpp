#include "storage/embedded/embedded_checkpoint_store.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/embedded_test_support.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::testing {
namespace {

using embedded::EmbeddedCheckpointStore;
using koubei::test::read_file;
using koubei::test::write_file;

TEST_CASE("embedded checkpoints: unknown job empty; save, reopen, load; odd job ids",
          "[storage][embedded]") {
  TempDir dir;
  const Checkpoint cp{"cursor=abc&p=2", 1700000000000, "weibo:post:9", 1700000000500};
  {
    EmbeddedCheckpointStore store(lock_dir(dir.path()));
    auto none = store.load("q1/weibo/search");
    REQUIRE(status_of(none) == "ok");
    CHECK_FALSE(none->has_value());
    REQUIRE(status_of(store.save("q1/weibo/search", cp)) == "ok");
    REQUIRE(status_of(store.save("../../etc/passwd", cp)) == "ok");
    CHECK(store.path_of("../../etc/passwd").find("/checkpoints/%2E%2E%2F") != std::string::npos);
    REQUIRE(status_of(store.save("q1/weibo/search", Checkpoint{"next", 2, "", 3})) == "ok");
  }
  EmbeddedCheckpointStore store(lock_dir(dir.path()));
  auto got = store.load("q1/weibo/search");
  REQUIRE(status_of(got) == "ok");
  REQUIRE(got->has_value());
  CHECK((*got)->cursor == "next");
  CHECK((*got)->watermark_ms == 2);
  CHECK((*got)->updated_at_ms == 3);
  auto other = store.load("../../etc/passwd");
  REQUIRE(status_of(other) == "ok");
  CHECK((*other)->watermark_ids == "weibo:post:9");
  CHECK_FALSE(fs::exists(dir / "checkpoints" / "q1%2Fweibo%2Fsearch.ckpt.tmp"));
}

TEST_CASE("embedded checkpoints: a damaged file is kCorrupt, never a wrong checkpoint",
          "[storage][embedded]") {
  TempDir dir;
  EmbeddedCheckpointStore store(lock_dir(dir.path()));
  REQUIRE(status_of(store.save("job", Checkpoint{"c", 1, "", 2})) == "ok");
  const auto path = store.path_of("job");
  std::string bytes = read_file(path);
  bytes[bytes.size() - 3] ^= 1;
  write_file(path, bytes);
  auto r = store.load("job");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == make_error_code(Errc::kCorrupt));
  write_file(path, bytes.substr(0, 5));
  CHECK(store.load("job").error().code == make_error_code(Errc::kCorrupt));
}

}  // namespace
}  // namespace koubei::storage::testing
