#include "tests/support/redis_server.hpp"

#include "tests/support/redis_test_client.hpp"

#include <hiredis/hiredis.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace koubei::test {
namespace {

using Context = std::unique_ptr<redisContext, RedisContextFree>;
using Reply = std::unique_ptr<redisReply, RedisReplyFree>;

}  // namespace

RedisServer::RedisServer(RedisServerOptions options) : options_(std::move(options)) {
  // hiredis 0.14 writes with write(2): a client of a server the test killed would die of SIGPIPE.
  // The daemon ignores SIGPIPE in main() for the same reason (redis_connection.hpp REQUIRES).
  std::signal(SIGPIPE, SIG_IGN);
  start();
}

RedisServer::~RedisServer() {
  if (running()) kill();
}

std::string RedisServer::url(int db) const {
  std::string auth = options_.password.empty() ? "" : ":" + options_.password + "@";
  return "unix://" + auth + socket_path() + (db != 0 ? "?db=" + std::to_string(db) : "");
}

std::string RedisServer::tcp_url(int db) const {
  std::string auth = options_.password.empty() ? "" : ":" + options_.password + "@";
  return "redis://" + auth + "127.0.0.1:" + std::to_string(port_) + "/" + std::to_string(db);
}

void RedisServer::start() {
  if (running()) throw std::runtime_error("redis-server already running");
  ::unlink(socket_path().c_str());
  if (options_.tcp && port_ == 0) port_ = free_tcp_port();  // kept across restarts
  std::vector<std::string> args = {"redis-server",
                                   "--port",
                                   std::to_string(port_),
                                   "--bind",
                                   "127.0.0.1",
                                   "--unixsocket",
                                   socket_path(),
                                   "--unixsocketperm",
                                   "700",
                                   "--dir",
                                   dir_.path().string(),
                                   "--logfile",
                                   (dir_ / "redis.log").string(),
                                   "--save",
                                   "",
                                   "--daemonize",
                                   "no"};
  if (options_.persistent) {
    args.insert(args.end(), {"--appendonly", "yes", "--appendfsync", "always"});
  } else {
    args.insert(args.end(), {"--appendonly", "no"});
  }
  if (!options_.password.empty()) args.insert(args.end(), {"--requirepass", options_.password});
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::execvp("redis-server", argv.data());
    std::perror("exec redis-server");
    ::_exit(127);
  }
  pid_ = pid;
  wait_ready();
}

void RedisServer::wait_ready() const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      throw std::runtime_error("redis-server exited at start; log:\n" +
                               read_file(dir_ / "redis.log"));
    }
    Context c(redisConnectUnix(socket_path().c_str()));
    if (c && c->err == 0) {
      Reply r(static_cast<redisReply*>(redisCommand(c.get(), "PING")));
      // NOAUTH also proves the server is up and done loading.
      if (r && (redis_reply_text(*r) == "PONG" || redis_reply_text(*r).starts_with("NOAUTH"))) return;
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(10));  // readiness poll, not a timing test
  }
  throw std::runtime_error("redis-server did not answer within 30 s; log:\n" +
                           read_file(dir_ / "redis.log"));
}

void RedisServer::stop() {
  if (!running()) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void RedisServer::kill() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string RedisServer::command(std::initializer_list<std::string> argv) const {
  Context c(redisConnectUnix(socket_path().c_str()));
  if (!c || c->err != 0) throw std::runtime_error("cannot connect to " + socket_path());
  if (!options_.password.empty()) {
    Reply auth(
        static_cast<redisReply*>(redisCommand(c.get(), "AUTH %s", options_.password.c_str())));
  }
  std::vector<const char*> args;
  std::vector<std::size_t> lens;
  for (const auto& a : argv) {
    args.push_back(a.data());
    lens.push_back(a.size());
  }
  Reply r(static_cast<redisReply*>(
      redisCommandArgv(c.get(), static_cast<int>(args.size()), args.data(), lens.data())));
  if (!r) throw std::runtime_error("redis command failed: " + std::string(c->errstr));
  return redis_reply_text(*r);
}

}  // namespace koubei::test
