#include "storage/jsonl_sink.hpp"

#include "tests/unit/storage/jsonl_sink_test_support.hpp"

namespace koubei::storage {
using namespace testing;

TEST_CASE("jsonl sink writes appended lines whole and in order on sync", "[storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "out/mentions.jsonl";
  JsonlSink sink(options_for(path));
  const std::vector<std::string> records = {
      R"({"id":"a","n":1})", R"({"id":"b","text":"多字节 ✓ \"q\""})", R"({"id":"c"})"};
  for (const auto& r : records) REQUIRE(status_of(sink.append(r)) == "ok");

  const auto report = sink.sync();
  REQUIRE(status_of(report) == "ok");
  const std::string expected = records[0] + "\n" + records[1] + "\n" + records[2] + "\n";
  CHECK(read_file(path) == expected);
  CHECK(report->path == path.string());
  CHECK(report->lines == 3);
  CHECK(report->bytes == expected.size());
  CHECK(report->recovered_bytes == 0);
  CHECK(sink.pending_lines() == 0);
  CHECK(sink.stats().lines_written == 3);
  CHECK(sink.stats().bytes_written == expected.size());
  CHECK(sink.stats().syncs == 1);
  CHECK((fs::status(path).permissions() & fs::perms::others_write) == fs::perms::none);
}

TEST_CASE("jsonl sink writes nothing to disk before sync", "[storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "m.jsonl";
  JsonlSink sink(options_for(path));
  REQUIRE(status_of(sink.append(R"({"n":0})")) == "ok");
  CHECK_FALSE(fs::exists(path));
  CHECK(sink.pending_lines() == 1);
  CHECK(sink.pending_bytes() == 8);

  REQUIRE(status_of(sink.sync()) == "ok");
  REQUIRE(status_of(sink.append(R"({"n":1})")) == "ok");
  CHECK(read_file(path) == "{\"n\":0}\n");
  REQUIRE(status_of(sink.sync()) == "ok");
  CHECK(read_file(path) == "{\"n\":0}\n{\"n\":1}\n");
}

TEST_CASE("jsonl sink rotates to the file named by the pattern for the sync time",
          "[storage][jsonl]") {
  TempDir dir;
  auto now = utc(2024, 3, 5, 10, 59, 59);
  JsonlSinkOptions options = options_for(dir / "out/%Y/%m/%d/mentions-%Y%m%d%H.jsonl");
  options.clock = ManualClock{&now};
  JsonlSink sink(options);

  REQUIRE(status_of(sink.append("{\"n\":0}")) == "ok");
  const auto first = sink.sync();
  REQUIRE(status_of(first) == "ok");
  CHECK(first->path == (dir / "out/2024/03/05/mentions-2024030510.jsonl").string());

  now += std::chrono::seconds{1};  // 11:00:00
  REQUIRE(status_of(sink.append("{\"n\":1}")) == "ok");
  REQUIRE(status_of(sink.append("{\"n\":2}")) == "ok");
  const auto second = sink.sync();
  REQUIRE(status_of(second) == "ok");
  CHECK(second->path == (dir / "out/2024/03/05/mentions-2024030511.jsonl").string());
  CHECK(sink.current_path() == second->path);

  // Appended during hour 11, synced at midnight: it belongs to the file of the sync time.
  REQUIRE(status_of(sink.append("{\"n\":3}")) == "ok");
  now = utc(2024, 3, 6, 0, 0, 0);
  REQUIRE(status_of(sink.sync()) == "ok");

  CHECK(read_file(first->path) == "{\"n\":0}\n");
  CHECK(read_file(second->path) == "{\"n\":1}\n{\"n\":2}\n");
  CHECK(read_file(dir / "out/2024/03/06/mentions-2024030600.jsonl") == "{\"n\":3}\n");
}

TEST_CASE("jsonl sink expands %M and %% and honours local_time", "[storage][jsonl]") {
  TempDir dir;
  const auto now = utc(2024, 3, 5, 20, 7, 9);
  JsonlSinkOptions options = options_for(dir / "m-%Y%m%d%H%M-100%%.jsonl");
  options.clock = ManualClock{&now};

  SECTION("UTC by default") {
    JsonlSink sink(options);
    REQUIRE(status_of(sink.append("{}")) == "ok");
    const auto report = sink.sync();
    REQUIRE(status_of(report) == "ok");
    CHECK(report->path == (dir / "m-202403052007-100%.jsonl").string());
  }
  SECTION("local time when asked") {
    const char* old_tz = std::getenv("TZ");
    const std::optional<std::string> saved =
        old_tz != nullptr ? std::optional<std::string>(old_tz) : std::nullopt;
    ::setenv("TZ", "CST-8", 1);  // POSIX rule: UTC+8, no tzdata needed
    ::tzset();
    options.local_time = true;
    JsonlSink sink(options);
    REQUIRE(status_of(sink.append("{}")) == "ok");
    const auto report = sink.sync();
    if (saved) {
      ::setenv("TZ", saved->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
    REQUIRE(status_of(report) == "ok");
    CHECK(report->path == (dir / "m-202403060407-100%.jsonl").string());
  }
}

TEST_CASE("jsonl sink cuts a half-written last line when it opens an existing file",
          "[storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "m.jsonl";
  const std::string whole = "{\"n\":0}\n{\"n\":1}\n";

  SECTION("the half line after whole lines is cut at the last newline and reported once") {
    write_file(path, whole + "{\"n\":");
    JsonlSink sink(options_for(path));
    REQUIRE(status_of(sink.append("{\"n\":2}")) == "ok");
    const auto report = sink.sync();
    REQUIRE(status_of(report) == "ok");
    CHECK(read_file(path) == whole + "{\"n\":2}\n");
    CHECK(report->recovered_bytes == 5);
    CHECK(sink.stats().recovered_files == 1);
    CHECK(sink.stats().recovered_bytes == 5);

    REQUIRE(status_of(sink.append("{\"n\":3}")) == "ok");
    const auto next = sink.sync();
    REQUIRE(status_of(next) == "ok");
    CHECK(next->recovered_bytes == 0);
    CHECK(read_file(path) == whole + "{\"n\":2}\n{\"n\":3}\n");
  }
  SECTION("an empty sync at start-up repairs the file without creating or writing anything") {
    write_file(path, whole + "{\"n\":");
    JsonlSink sink(options_for(path));
    const auto report = sink.sync();
    REQUIRE(status_of(report) == "ok");
    CHECK(read_file(path) == whole);
    CHECK(report->recovered_bytes == 5);
    CHECK(report->lines == 0);

    JsonlSink other(options_for(dir / "absent.jsonl"));
    REQUIRE(status_of(other.sync()) == "ok");
    CHECK_FALSE(fs::exists(dir / "absent.jsonl"));
  }
  SECTION("a file ending in a whole line is untouched and appended to") {
    write_file(path, whole);
    JsonlSink sink(options_for(path));
    REQUIRE(status_of(sink.append("{\"n\":2}")) == "ok");
    const auto report = sink.sync();
    REQUIRE(status_of(report) == "ok");
    CHECK(read_file(path) == whole + "{\"n\":2}\n");
    CHECK(report->recovered_bytes == 0);
    CHECK(sink.stats().recovered_files == 0);
  }
  SECTION("a file holding only a partial line becomes empty") {
    write_file(path, "{\"n\":0,\"te");
    JsonlSink sink(options_for(path));
    REQUIRE(status_of(sink.append("{\"n\":0}")) == "ok");
    const auto report = sink.sync();
    REQUIRE(status_of(report) == "ok");
    CHECK(read_file(path) == "{\"n\":0}\n");
    CHECK(report->recovered_bytes == 10);
  }
  SECTION("a half line longer than one read chunk is cut whole") {
    const std::string tail = "{\"big\":\"" + std::string(200 * 1024, 'b');
    write_file(path, whole + tail);
    JsonlSink sink(options_for(path));
    REQUIRE(status_of(sink.append("{\"n\":2}")) == "ok");
    const auto report = sink.sync();
    REQUIRE(status_of(report) == "ok");
    CHECK(read_file(path) == whole + "{\"n\":2}\n");
    CHECK(report->recovered_bytes == tail.size());
  }
  SECTION("rotation into an existing file with a half line cuts it too") {
    auto now = utc(2024, 3, 5, 10, 30, 0);
    JsonlSinkOptions options = options_for(dir / "m-%H.jsonl");
    options.clock = ManualClock{&now};
    write_file(dir / "m-11.jsonl", whole + "{\"n\"");
    JsonlSink sink(options);
    REQUIRE(status_of(sink.append("{\"n\":9}")) == "ok");
    REQUIRE(status_of(sink.sync()) == "ok");
    now = utc(2024, 3, 5, 11, 0, 0);
    REQUIRE(status_of(sink.append("{\"n\":2}")) == "ok");
    const auto report = sink.sync();
    REQUIRE(status_of(report) == "ok");
    CHECK(read_file(dir / "m-10.jsonl") == "{\"n\":9}\n");
    CHECK(read_file(dir / "m-11.jsonl") == whole + "{\"n\":2}\n");
    CHECK(report->recovered_bytes == 4);
  }
}

TEST_CASE("jsonl sink refuses a record that is empty or holds a line break", "[storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "m.jsonl";
  JsonlSink sink(options_for(path));
  const std::string bad = GENERATE(as<std::string>{}, "", "{\"a\":1}\n", "{\"a\":\n1}", "{}\r");

  const auto result = sink.append(bad);
  REQUIRE(result.has_error());
  CHECK(result.error().code == Errc::kInvalidRecord);
  CHECK(sink.pending_lines() == 0);
  CHECK(sink.pending_bytes() == 0);
  REQUIRE(status_of(sink.append("{\"ok\":1}")) == "ok");
  REQUIRE(status_of(sink.sync()) == "ok");
  CHECK(read_file(path) == "{\"ok\":1}\n");
}

TEST_CASE("jsonl sink refuses appends beyond max_pending_bytes until synced", "[storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "m.jsonl";
  JsonlSinkOptions options = options_for(path);
  options.max_pending_bytes = 16;
  JsonlSink sink(options);

  REQUIRE(status_of(sink.append("0123456789")) == "ok");  // 11 bytes with '\n'
  const auto full = sink.append("abcde");                 // 11 + 6 > 16
  REQUIRE(full.has_error());
  CHECK(full.error().code == Errc::kPendingFull);
  CHECK(sink.pending_bytes() == 11);
  CHECK(sink.pending_lines() == 1);
  REQUIRE(status_of(sink.append("abcd")) == "ok");  // exactly 16

  const auto too_large = sink.append(std::string(16, 'z'));  // 17 bytes: never fits
  REQUIRE(too_large.has_error());
  CHECK(too_large.error().code == Errc::kRecordTooLarge);

  REQUIRE(status_of(sink.sync()) == "ok");
  REQUIRE(status_of(sink.append("abcde")) == "ok");
  REQUIRE(status_of(sink.sync()) == "ok");
  CHECK(read_file(path) == "0123456789\nabcd\nabcde\n");
}

}  // namespace koubei::storage
