// `koubei sandbox` as a user runs it: port 0 prints the chosen port, the server answers, SIGTERM
// stops it cleanly (exit 0); a bad scenario or option exits 2 with the problem located.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "tests/unit/sandbox/sandbox_fixture.hpp"

namespace koubei::sandbox::test {
namespace {

struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
};

Child spawn(const std::vector<std::string>& args) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  Child c;
  c.pid = fork();
  REQUIRE(c.pid >= 0);
  if (c.pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  c.out = fdopen(fds[0], "r");
  return c;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::pair<int, std::string> run(const std::string& command) {
  std::string out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf;
  while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
  const int status = pclose(p);
  return {WEXITSTATUS(status), out};
}

}  // namespace

TEST_CASE("koubei sandbox prints its port, serves, and stops on SIGTERM", "[sandbox][cli][.integration]") {
  Child c = spawn({KOUBEI_BINARY, "sandbox", "--listen", "127.0.0.1:0", "--seed", "5", "--scenario",
                   "demo", "--clock-rate", "0", "--epoch", "2026-11-22T10:00:00+08:00"});
  std::array<char, 256> line{};
  REQUIRE(std::fgets(line.data(), line.size(), c.out) != nullptr);
  const std::string text(line.data());
  REQUIRE(text.starts_with("listening on 127.0.0.1:"));
  const auto port = static_cast<std::uint16_t>(std::stoi(text.substr(23)));
  CHECK(port != 0);
  {
    Client client(port);
    const Fetched world = client.get("/__sandbox/world");
    CHECK(world.status == 200);
    CHECK_THAT(world.body, Catch::Contains(R"("now":"2026-11-22T02:00:00.000Z")"));
    CHECK_THAT(world.body, Catch::Contains(R"("seed":5)"));
  }
  kill(c.pid, SIGTERM);
  CHECK(wait_exit(c.pid) == 0);
  std::fclose(c.out);
}

TEST_CASE("koubei sandbox refuses a bad scenario or option with exit 2", "[sandbox][cli][.integration]") {
  koubei::test::TempDir dir;
  koubei::test::write_file(dir / "bad.toml", "[world]\nauthors = \"many\"\n");
  const auto [code, out] = run(std::string(KOUBEI_BINARY) + " sandbox --scenario " + (dir / "bad.toml").string());
  CHECK(code == 2);
  CHECK_THAT(out, Catch::Contains("bad.toml:2:11: world.authors"));
  CHECK(run(std::string(KOUBEI_BINARY) + " sandbox --scenario nope").first == 2);
  CHECK(run(std::string(KOUBEI_BINARY) + " sandbox --listen nowhere").first == 2);
  CHECK(run(std::string(KOUBEI_BINARY) + " sandbox --clock-rate -1").first == 2);
}

}  // namespace koubei::sandbox::test
