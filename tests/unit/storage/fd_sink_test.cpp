// FdSink: records as lines on a descriptor it does not own (a pipe here), and the error when the
// reader has gone.

#include "storage/fd_sink.hpp"

#include "storage/errors.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <csignal>
#include <string>
#include <vector>

namespace koubei::storage {
namespace {

using testing::status_of;

// A pipe whose ends are closed by the destructor unless closed already.
struct Pipe {
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    for (int& fd : fds) close_end(fd);
  }
  static void close_end(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  std::string read_available() {
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      if (static_cast<std::size_t>(n) < sizeof buf) break;
    }
    return out;
  }
  int fds[2] = {-1, -1};
};

std::vector<OutRecord> records(std::initializer_list<const char*> ids) {
  std::vector<OutRecord> out;
  for (const char* id : ids) out.push_back({id, std::string(R"({"id":")") + id + R"("})"});
  return out;
}

}  // namespace

TEST_CASE("FdSink writes each record as one line to the descriptor", "[storage][fd_sink]") {
  Pipe pipe;
  FdSink sink(pipe.fds[1], "stdout");
  CHECK(sink.name() == "stdout");
  REQUIRE(status_of(sink.write(records({"a", "b"}))) == "ok");
  REQUIRE(status_of(sink.write(records({"c"}))) == "ok");
  CHECK(pipe.read_available() == "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
  const SinkStats stats = sink.stats();
  CHECK(stats.batches == 2);
  CHECK(stats.records == 3);
  CHECK(stats.failures == 0);
}

TEST_CASE("FdSink fails the batch when the reader went away", "[storage][fd_sink]") {
  // The daemon ignores SIGPIPE (storage_stack.hpp REQUIRES); so does this test, to see EPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  Pipe pipe;
  FdSink sink(pipe.fds[1], "out");
  REQUIRE(status_of(sink.write(records({"a"}))) == "ok");
  Pipe::close_end(pipe.fds[0]);
  const auto failed = sink.write(records({"b", "c"}));
  REQUIRE(failed.has_error());
  CHECK(failed.error().code == Errc::kWriteFailed);
  CHECK_THAT(failed.error().message(), Catch::Matchers::Contains("sink out"));
  CHECK_THAT(failed.error().message(), Catch::Matchers::Contains("Broken pipe"));
  const SinkStats stats = sink.stats();
  CHECK(stats.batches == 2);
  CHECK(stats.records == 1);  // the failed batch counts nothing delivered
  CHECK(stats.failures == 1);
}

}  // namespace koubei::storage
