// Quarantine: unusable pages kept on disk, header + body, in a size-bounded directory.

#include "storage/quarantine.hpp"

#include "storage/errors.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace koubei::storage {
namespace {

namespace fs = std::filesystem;
using testing::status_of;

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Quarantine writes each page as a header, a blank line and the body",
          "[storage][quarantine]") {
  koubei::test::TempDir tmp;
  Quarantine q(tmp / "quarantine", 1 << 20);  // the directory is created
  CHECK(fs::is_directory(tmp / "quarantine"));
  CHECK(q.files() == 0);
  CHECK(q.bytes() == 0);

  const std::string body = "{\"ok\":-100,\"url\":\"https://m.weibo.cn/captcha\"}";
  auto kept = q.keep("weibo.search_api", "https://m.weibo.cn/api/container/getIndex?q=x", 200,
                     "unrecognized: no cards", body, 1'795'312'800'000);
  REQUIRE(status_of(kept) == "ok");
  CHECK(kept->parent_path() == q.dir());
  CHECK(kept->filename().string() == "1795312800000-000000-weibo.search_api.txt");
  const std::string text = koubei::test::read_file(*kept);
  CHECK(text ==
        "page_type: weibo.search_api\n"
        "url: https://m.weibo.cn/api/container/getIndex?q=x\n"
        "status: 200\n"
        "reason: unrecognized: no cards\n"
        "\n" +
            body);
  CHECK(q.files() == 1);
  CHECK(q.bytes() == text.size());
  CHECK(fs::file_size(*kept) == text.size());

  // Two pages in the same millisecond get distinct files.
  auto second = q.keep("weibo.search_api", "u", 500, "r", "x", 1'795'312'800'000);
  REQUIRE(status_of(second) == "ok");
  CHECK(*second != *kept);
  CHECK(q.files() == 2);
}

TEST_CASE("Quarantine evicts the oldest files to stay within its bound", "[storage][quarantine]") {
  koubei::test::TempDir tmp;
  // Each page below is 40 + 1000 bytes or so; the bound holds three of them.
  const std::string body(1000, 'x');
  const std::uint64_t one = std::string("page_type: t\nurl: u\nstatus: 200\nreason: r\n\n").size() +
                            body.size();
  Quarantine q(tmp.path(), 3 * one + 10);
  std::vector<fs::path> paths;
  for (int i = 0; i < 5; ++i) {
    auto kept = q.keep("t", "u", 200, "r", body, 1000 + i);
    REQUIRE(status_of(kept) == "ok");
    paths.push_back(*kept);
    CHECK(q.bytes() <= 3 * one + 10);
  }
  CHECK(q.files() == 3);
  CHECK(q.bytes() == 3 * one);
  CHECK(files_in(tmp.path()) == 3);
  CHECK_FALSE(fs::exists(paths[0]));
  CHECK_FALSE(fs::exists(paths[1]));
  CHECK(fs::exists(paths[2]));
  CHECK(fs::exists(paths[3]));
  CHECK(fs::exists(paths[4]));
}

TEST_CASE("Quarantine refuses a page larger than the whole bound, keeping what it has",
          "[storage][quarantine]") {
  koubei::test::TempDir tmp;
  Quarantine q(tmp.path(), 200);
  REQUIRE(status_of(q.keep("t", "u", 200, "r", "small", 1)) == "ok");
  const auto refused = q.keep("t", "u", 200, "r", std::string(500, 'y'), 2);
  REQUIRE(refused.has_error());
  CHECK(refused.error().code == Errc::kWriteFailed);
  CHECK_THAT(refused.error().message(), Catch::Matchers::Contains("larger than the whole"));
  CHECK(q.files() == 1);  // nothing was evicted for a page that could never fit
  CHECK(files_in(tmp.path()) == 1);
}

TEST_CASE("Quarantine counts the files already in its directory and evicts them first",
          "[storage][quarantine]") {
  koubei::test::TempDir tmp;
  std::uint64_t before_bytes = 0;
  fs::path old_page;
  {
    Quarantine first(tmp.path(), 10'000);
    auto kept = first.keep("t", "u", 200, "r", std::string(1000, 'a'), 1000);
    REQUIRE(status_of(kept) == "ok");
    old_page = *kept;
    REQUIRE(status_of(first.keep("t", "u", 200, "r", std::string(1000, 'b'), 2000)) == "ok");
    before_bytes = first.bytes();
  }
  Quarantine again(tmp.path(), before_bytes + 100);
  CHECK(again.files() == 2);
  CHECK(again.bytes() == before_bytes);

  // A third page does not fit next to both: the oldest (the earlier run's first) goes.
  REQUIRE(status_of(again.keep("t", "u", 200, "r", std::string(500, 'c'), 3000)) == "ok");
  CHECK_FALSE(fs::exists(old_page));
  CHECK(again.files() == 2);
  CHECK(again.bytes() <= before_bytes + 100);
}

}  // namespace koubei::storage
