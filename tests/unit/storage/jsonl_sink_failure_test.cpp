#include "storage/jsonl_sink.hpp"

#include "tests/unit/storage/jsonl_sink_test_support.hpp"

namespace koubei::storage {
using namespace testing;
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
