#include "storage/spool.hpp"

#include "storage/errors.hpp"
#include "storage/spool_format.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage {
namespace {

namespace fs = std::filesystem;
using koubei::test::TempDir;
using testing::mention;
using testing::mentions;
using testing::status_of;

SpoolOptions small_spool(const TempDir& dir, std::uint64_t max_bytes = 1 << 20) {
  SpoolOptions options;
  options.dir = (dir / "spool/pg").string();
  options.max_bytes = max_bytes;
  options.segment_bytes = 4096;  // a few records per segment: roll-over is exercised
  return options;
}

Spool open_spool(const SpoolOptions& options) {
  auto spool = Spool::open(options);
  REQUIRE(spool.has_value());
  return std::move(*spool);
}

std::vector<std::string> ids_of(const std::vector<OutRecord>& records) {
  std::vector<std::string> ids;
  for (const auto& r : records)
    ids.push_back(r.id);
  return ids;
}

std::vector<std::string> ids_of(std::uint64_t first, std::uint64_t count) {
  return ids_of(mentions(first, count));
}

std::size_t segment_files(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    n += e.path().extension() == ".spool";
  return n;
}

}  // namespace

TEST_CASE("spool replays records in push order across segments and deletes what is acknowledged",
          "[storage][spool]") {
  TempDir dir;
  const auto options = small_spool(dir);
  Spool spool = open_spool(options);
  CHECK(spool.empty());
  for (std::uint64_t first = 0; first < 40; first += 5)
    REQUIRE(status_of(spool.push(mentions(first, 5))) == "ok");
  CHECK(spool.records() == 40);
  CHECK(segment_files(options.dir) > 3);

  auto batch = spool.peek(15);
  REQUIRE(batch.has_value());
  CHECK(ids_of(*batch) == ids_of(0, 15));
  CHECK((*batch)[3].json == mention(3).json);
  REQUIRE(status_of(spool.ack(15)) == "ok");
  CHECK(spool.records() == 25);

  batch = spool.peek(100);
  REQUIRE(batch.has_value());
  CHECK(ids_of(*batch) == ids_of(15, 25));
  REQUIRE(status_of(spool.ack(10)) == "ok");  // partial acknowledgement: the rest stays, in order
  batch = spool.peek(100);
  REQUIRE(batch.has_value());
  CHECK(ids_of(*batch) == ids_of(25, 15));
  REQUIRE(status_of(spool.ack(batch->size())) == "ok");
  CHECK(spool.empty());
  CHECK(spool.bytes() == 0);
  CHECK(fs::is_empty(options.dir));
  CHECK(spool.stats().acked_records == 40);
}

TEST_CASE("spool resumes after a restart at the first unacknowledged record", "[storage][spool]") {
  TempDir dir;
  const auto options = small_spool(dir);
  {
    Spool spool = open_spool(options);
    REQUIRE(status_of(spool.push(mentions(0, 30))) == "ok");
    REQUIRE(spool.peek(12).has_value());
    REQUIRE(status_of(spool.ack(12)) == "ok");
    REQUIRE(status_of(spool.push(mentions(30, 5))) == "ok");
  }
  Spool spool = open_spool(options);
  CHECK(spool.records() == 23);
  const auto rest = spool.peek(100);
  REQUIRE(rest.has_value());
  CHECK(ids_of(*rest) == ids_of(12, 23));
}

TEST_CASE("a full spool refuses a push with kSpoolFull and writes nothing of it",
          "[storage][spool]") {
  TempDir dir;
  const std::size_t one = spool_format::encoded_size(mention(0));
  auto options = small_spool(dir, spool_format::kMagic.size() + 10 * one);
  options.segment_bytes = 1 << 20;  // one segment: the bound is exactly 10 records
  Spool spool = open_spool(options);
  REQUIRE(status_of(spool.push(mentions(0, 8))) == "ok");
  CHECK(spool.has_room_for(2 * one));
  CHECK_FALSE(spool.has_room_for(3 * one));

  const auto full = spool.push(mentions(8, 3));
  REQUIRE(full.has_error());
  CHECK(full.error().code == Errc::kSpoolFull);
  CHECK_THAT(full.error().where, Catch::Matchers::Contains(options.dir));
  CHECK(spool.records() == 8);
  CHECK(spool.stats().full_refusals == 1);

  // Draining makes room again; nothing was lost or reordered by the refusal.
  const auto batch = spool.peek(8);
  REQUIRE(batch.has_value());
  REQUIRE(status_of(spool.ack(8)) == "ok");
  REQUIRE(status_of(spool.push(mentions(8, 3))) == "ok");
  const auto after = spool.peek(100);
  REQUIRE(after.has_value());
  CHECK(ids_of(*after) == ids_of(8, 3));
}

TEST_CASE("spool cuts a record torn by a crash and keeps every whole one", "[storage][spool]") {
  TempDir dir;
  auto options = small_spool(dir);
  options.segment_bytes = 1 << 20;
  {
    Spool spool = open_spool(options);
    REQUIRE(status_of(spool.push(mentions(0, 4))) == "ok");
  }
  const fs::path segment = fs::path(options.dir) / "00000000000000000001.spool";
  const auto whole = fs::file_size(segment);
  std::string half;
  spool_format::append_record(mention(4), half);
  {
    std::ofstream out(segment, std::ios::binary | std::ios::app);
    out << half.substr(0, half.size() / 2);
  }
  Spool spool = open_spool(options);
  CHECK(spool.records() == 4);
  CHECK(spool.stats().torn_bytes == half.size() / 2);
  CHECK(fs::file_size(segment) == whole);
  REQUIRE(status_of(spool.push(mentions(5, 1))) == "ok");
  const auto all = spool.peek(100);
  REQUIRE(all.has_value());
  CHECK(ids_of(*all) ==
        std::vector<std::string>{
            "weibo:post:0", "weibo:post:1", "weibo:post:2", "weibo:post:3", "weibo:post:5"});
}

TEST_CASE("spool skips and counts a damaged record in an older segment", "[storage][spool]") {
  TempDir dir;
  const auto options = small_spool(dir);
  {
    Spool spool = open_spool(options);
    for (std::uint64_t n = 0; n < 20; ++n)
      REQUIRE(status_of(spool.push(std::vector{mention(n)})) == "ok");
  }
  const fs::path first = fs::path(options.dir) / "00000000000000000001.spool";
  {
    std::fstream io(first, std::ios::binary | std::ios::in | std::ios::out);
    io.seekp(static_cast<std::streamoff>(spool_format::kMagic.size() +
                                         spool_format::encoded_size(mention(0)) + 30));
    io.put('#');  // inside record 1's payload: its CRC no longer matches
  }
  Spool spool = open_spool(options);
  CHECK(spool.stats().corrupt_records == 1);
  CHECK(spool.stats().corrupt_bytes > 0);
  const auto all = spool.peek(100);
  REQUIRE(all.has_value());
  REQUIRE_FALSE(all->empty());
  CHECK(all->front().id == "weibo:post:0");
  CHECK(all->back().id == "weibo:post:19");
  CHECK(spool.records() == all->size());
}

TEST_CASE("spool in a directory that cannot be created fails with kSpoolIoFailed",
          "[storage][spool]") {
  TempDir dir;
  koubei::test::write_file(dir / "file", "not a directory");
  SpoolOptions options;
  options.dir = (dir / "file/spool").string();
  const auto spool = Spool::open(options);
  REQUIRE(spool.has_error());
  CHECK(spool.error().code == Errc::kSpoolIoFailed);
}

TEST_CASE("spool killed with SIGKILL while pushing reopens with every acknowledged push, in order",
          "[storage][spool][.integration]") {
  TempDir dir;
  auto options = small_spool(dir, 64 << 20);
  options.segment_bytes = 64 << 10;
  const fs::path progress = dir / "progress";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto spool = Spool::open(options);
    if (!spool) ::_exit(3);
    std::ofstream out(progress);
    for (std::uint64_t n = 0;; ++n) {
      if (!spool->push(mentions(n * 3, 3)).has_value()) ::_exit(4);
      out << n << '\n' << std::flush;  // after the push returned: these records are durable
    }
  }
  // Let it run until a few hundred pushes are acknowledged, then kill it mid-stream.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline &&
         (!fs::exists(progress) || fs::file_size(progress) < 2000)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));

  std::uint64_t acknowledged = 0;
  {
    std::ifstream in(progress);
    for (std::uint64_t n = 0; in >> n;)
      acknowledged = n + 1;
  }
  REQUIRE(acknowledged > 0);
  Spool spool = open_spool(options);
  CHECK(spool.stats().corrupt_records == 0);
  const auto all = spool.peek(1 << 20);
  REQUIRE(all.has_value());
  // Every acknowledged push is there; at most the one in flight follows it; all whole, in order.
  REQUIRE(all->size() >= acknowledged * 3);
  REQUIRE(all->size() <= (acknowledged + 1) * 3);
  for (std::size_t i = 0; i < all->size(); ++i) {
    REQUIRE((*all)[i].id == mention(i).id);
    REQUIRE((*all)[i].json == mention(i).json);
  }
}

}  // namespace koubei::storage

namespace koubei::storage {

TEST_CASE("a head file left behind by a crash in an emptied spool does not hide new records",
          "[storage][spool]") {
  TempDir dir;
  const auto options = small_spool(dir);
  koubei::test::write_file(std::filesystem::path(options.dir) / "head", "9 8\n");
  {
    Spool spool = open_spool(options);
    CHECK(spool.empty());
    REQUIRE(status_of(spool.push(mentions(0, 3))) == "ok");
  }
  Spool spool = open_spool(options);
  const auto all = spool.peek(10);
  REQUIRE(all.has_value());
  CHECK(all->size() == 3);
}

}  // namespace koubei::storage
