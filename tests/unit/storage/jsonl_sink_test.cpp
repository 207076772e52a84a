#include "storage/jsonl_sink.hpp"

#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace koubei::storage {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using koubei::test::read_file;
using koubei::test::TempDir;
using koubei::test::write_file;
using std::chrono::system_clock;

/// "ok", or the error's message: comparing with "ok" shows the message when a check fails.
template <class T>
std::string status_of(const Result<T>& result) {
  return result.has_value() ? "ok" : result.error().message();
}

JsonlSinkOptions options_for(const fs::path& pattern) {
  JsonlSinkOptions options;
  options.path_pattern = pattern.string();
  return options;
}

system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

/// The injected clock: reads a time point the test moves by hand.
struct ManualClock {
  const system_clock::time_point* now;

  system_clock::time_point operator()() const { return *now; }
};

/// A numbered record padded to a fixed width, as the crash tests write them.
std::string record(std::uint64_t n, std::size_t pad = 20) {
  return R"({"n":)" + std::to_string(n) + R"(,"pad":")" + std::string(pad, 'x') + R"("})";
}

/// The whole file, read in one go (the crash test's files are tens of MiB; read_file is slow in
/// sanitized builds).
std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(fs::exists(path) ? fs::file_size(path) : 0, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

/// Number of '\n' in text (memchr-based).
std::uint64_t count_newlines(std::string_view text) {
  std::uint64_t count = 0;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos;
       at = text.find('\n', at + 1)) {
    ++count;
  }
  return count;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));  // an unterminated last line, kept to be caught
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

void flush_output() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
}

}  // namespace

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

TEST_CASE("jsonl sink keeps records pending when the file cannot be opened and writes them later",
          "[storage][jsonl]") {
  TempDir dir;
  const fs::path blocked = dir / "blocked";
  const fs::path path = blocked / "sub/m.jsonl";
  // Root ignores directory permissions, so as root the parent is made a regular file instead.
  const bool root = ::geteuid() == 0;
  if (root) {
    write_file(blocked, "not a directory");
  } else {
    fs::create_directories(blocked);
    fs::permissions(blocked, fs::perms::owner_read | fs::perms::owner_exec);
  }
  JsonlSink sink(options_for(path));
  REQUIRE(status_of(sink.append("{\"n\":0}")) == "ok");
  REQUIRE(status_of(sink.append("{\"n\":1}")) == "ok");

  const auto failed = sink.sync();
  REQUIRE(failed.has_error());
  CHECK(failed.error().code == Errc::kOpenFailed);
  CHECK_THAT(failed.error().where, Contains(path.string()));
  CHECK_THAT(failed.error().where, Contains(std::strerror(root ? ENOTDIR : EACCES)));
  CHECK(sink.pending_lines() == 2);
  CHECK(sink.stats().sync_failures == 1);

  if (root) {
    fs::remove(blocked);
  } else {
    fs::permissions(blocked, fs::perms::owner_all);
  }
  const auto retried = sink.sync();
  REQUIRE(status_of(retried) == "ok");
  CHECK(retried->lines == 2);
  CHECK(read_file(path) == "{\"n\":0}\n{\"n\":1}\n");
  CHECK(sink.pending_lines() == 0);
}

namespace {

constexpr std::size_t kRecordBytes = 37;  // record(n) for n < 10, with its '\n'

/// Runs in a forked child (the limit and the signal disposition must not leak into the runner).
/// Returns 0 when every step behaved, otherwise the number of the step that did not.
int write_past_file_size_limit(const fs::path& path) {
  ::signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0) return 2;
  const rlim_t original = limit.rlim_cur;
  limit.rlim_cur = 3 * kRecordBytes + 10;  // the 4th record gets a short write, then EFBIG
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 3;

  JsonlSink sink(options_for(path));
  for (std::uint64_t n = 0; n < 3; ++n) (void)sink.append(record(n));
  if (!sink.sync().has_value()) return 4;
  (void)sink.append(record(3));
  (void)sink.append(record(4));
  const auto failed = sink.sync();
  if (failed.has_value()) return 5;
  if (failed.error().code != Errc::kWriteFailed) return 6;
  if (failed.error().where.find(std::strerror(EFBIG)) == std::string::npos) return 7;
  if (failed.error().where.find(path.string()) == std::string::npos) return 8;

  struct stat st = {};
  if (::stat(path.c_str(), &st) != 0 || st.st_size != 3 * kRecordBytes) return 9;
  if (sink.pending_lines() != 2) return 10;

  limit.rlim_cur = original;
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 11;
  if (!sink.sync().has_value()) return 12;
  return 0;
}

}  // namespace

TEST_CASE("jsonl sink reports EFBIG past RLIMIT_FSIZE without leaving a partial line",
          "[storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "m.jsonl";
  REQUIRE(record(0).size() + 1 == kRecordBytes);
  flush_output();  // or the child's spdlog output would flush the runner's buffered text too
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 1;
    try {
      code = write_past_file_size_limit(path);
    } catch (...) {
      code = 99;
    }
    ::_exit(code);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  INFO("child failed at step " << WEXITSTATUS(status)
                               << " (5-8: not kWriteFailed/EFBIG naming the path, 9: file not "
                                  "cut back, 10: records not pending, 12: retry failed)");
  CHECK(WEXITSTATUS(status) == 0);
  std::string expected;
  for (std::uint64_t n = 0; n < 5; ++n) expected += record(n) + "\n";
  CHECK(read_file(path) == expected);
}

TEST_CASE("jsonl sink refuses every call after close", "[storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "m.jsonl";
  JsonlSink sink(options_for(path));
  REQUIRE(status_of(sink.append("{}")) == "ok");
  sink.close();
  CHECK(sink.pending_lines() == 0);
  const auto appended = sink.append("{}");
  REQUIRE(appended.has_error());
  CHECK(appended.error().code == Errc::kClosed);
  const auto synced = sink.sync();
  REQUIRE(synced.has_error());
  CHECK(synced.error().code == Errc::kClosed);
  CHECK_FALSE(fs::exists(path));
}

namespace {

constexpr std::size_t kCrashPad = 4000;     // ~4 KiB records: a batch write takes a while
constexpr std::uint64_t kCrashBatch = 256;  // ~1 MiB per sync
constexpr std::uint64_t kSyncing = ~std::uint64_t{0};

/// The writer killed by the crash test: numbered records from `first` on, in batches. It tells
/// `report_fd` kSyncing just before each sync() and the number of confirmed records after it.
[[noreturn]] void crash_writer(const fs::path& path, std::uint64_t first, int report_fd) {
  JsonlSink sink(options_for(path));
  for (std::uint64_t next = first;;) {
    for (std::uint64_t i = 0; i < kCrashBatch; ++i, ++next) {
      if (!sink.append(record(next, kCrashPad)).has_value()) ::_exit(2);
    }
    if (::write(report_fd, &kSyncing, sizeof kSyncing) != sizeof kSyncing) ::_exit(4);
    if (!sink.sync().has_value()) ::_exit(3);
    if (::write(report_fd, &next, sizeof next) != sizeof next) ::_exit(4);
  }
}

bool read_message(int fd, std::uint64_t& message) {
  return ::read(fd, &message, sizeof message) == sizeof message;  // <= PIPE_BUF: atomic
}

/// Forks a writer starting at record `first`; after `run_for`, waits for it to start a sync, lets
/// `delay` pass (so the kill lands in write(2) or fdatasync) and kills it with SIGKILL.
/// Returns the number of records it had confirmed.
std::uint64_t run_and_kill_writer(const fs::path& path,
                                  std::uint64_t first,
                                  std::chrono::milliseconds run_for,
                                  std::chrono::microseconds delay) {
  std::array<int, 2> fds = {-1, -1};
  REQUIRE(::pipe(fds.data()) == 0);
  flush_output();  // or the child's spdlog output would flush the runner's buffered text too
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    try {
      crash_writer(path, first, fds[1]);
    } catch (...) {
      ::_exit(99);
    }
  }
  ::close(fds[1]);
  const auto deadline = std::chrono::steady_clock::now() + run_for;
  std::uint64_t confirmed = first;
  std::uint64_t message = 0;
  bool aimed = false;
  while (!aimed && read_message(fds[0], message)) {
    if (message != kSyncing) confirmed = message;
    aimed = message == kSyncing && std::chrono::steady_clock::now() >= deadline;
  }
  std::this_thread::sleep_for(delay);
  REQUIRE(::kill(pid, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  while (read_message(fds[0], message)) {
    if (message != kSyncing) confirmed = message;
  }
  ::close(fds[0]);
  REQUIRE(aimed);  // otherwise the writer died on its own (exit status in `status`)
  CHECK(WIFSIGNALED(status));
  return confirmed;
}

}  // namespace

TEST_CASE("jsonl sink file holds whole consecutive records after kill -9 of its writer",
          "[.integration][storage][jsonl]") {
  TempDir dir;
  const fs::path path = dir / "out/m.jsonl";
  // Round 0 runs ~100 ms; later rounds restart the writer on the same file (its first sync
  // recovers the file) and kill it at other points of a sync, so that some kills are likely to
  // leave a half-written line whatever the machine's speed.
  constexpr std::array<int, 8> kDelaysUs = {0, 50, 100, 150, 200, 300, 450, 700};
  std::uint64_t confirmed = 0;
  int half_lines_left = 0;
  for (std::size_t round = 0; round < kDelaysUs.size(); ++round) {
    const std::uint64_t whole = count_newlines(slurp(path));
    REQUIRE(whole >= confirmed);  // every confirmed record survived the previous kill
    confirmed = run_and_kill_writer(path,
                                    whole,
                                    std::chrono::milliseconds{round == 0 ? 100 : 20},
                                    std::chrono::microseconds{kDelaysUs[round]});
    const std::string after = slurp(path);
    if (!after.empty() && after.back() != '\n') ++half_lines_left;
  }

  JsonlSink sink(options_for(path));
  REQUIRE(status_of(sink.append(R"({"restart":true})")) == "ok");
  const auto report = sink.sync();
  REQUIRE(status_of(report) == "ok");

  const std::string content = slurp(path);
  const std::vector<std::string> lines = split_lines(content);
  INFO("confirmed " << confirmed << ", lines " << lines.size() << ", kills leaving a half line "
                    << half_lines_left << ", last cut " << report->recovered_bytes);
  REQUIRE(confirmed > 0);
  REQUIRE(lines.size() >= confirmed + 1);  // every confirmed record survived
  CHECK(lines.back() == R"({"restart":true})");
  std::size_t first_bad = lines.size();
  for (std::size_t i = 0; i + 1 < lines.size() && first_bad == lines.size(); ++i) {
    if (lines[i] != record(i, kCrashPad)) first_bad = i;
  }
  CHECK(first_bad == lines.size());
  CHECK(content.back() == '\n');
}

}  // namespace koubei::storage
