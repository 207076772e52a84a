#pragma once
// RedisServer: a real redis-server for integration tests, private to one test: it listens only on
// a unix socket in its own temp dir (--port 0, so no TCP port is ever bound), with persistence off
// unless asked. stop()/kill() and start() again reuse the same socket path and data dir, which is
// how tests play "Redis went away mid-run and came back".
//
// Start-up waits (polling PING, up to 30 s) until the server answers; failures throw
// std::runtime_error with the server's log, since a test cannot run without its server.

#include "tests/support/temp_dir.hpp"

#include <string>

#include <sys/types.h>

namespace koubei::test {

struct RedisServerOptions {
  /// appendonly yes + appendfsync always: every acknowledged write survives kill().
  bool persistent = false;
  /// requirepass; empty = no AUTH.
  std::string password;
  /// Also listen on 127.0.0.1 at a port the kernel picked free just before (bind to port 0,
  /// read it, close); for the redis:// tests. Off: no TCP port at all (--port 0).
  bool tcp = false;
};

class RedisServer {
 public:
  explicit RedisServer(RedisServerOptions options = {});
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  /// Starts the server (the constructor already did once). REQUIRES: not running.
  void start();
  /// SIGTERM and wait: a clean shutdown (AOF flushed when persistent).
  void stop();
  /// SIGKILL and wait: the server vanishes mid-whatever.
  void kill();

  bool running() const { return pid_ > 0; }

  std::string socket_path() const { return (dir_ / "redis.sock").string(); }

  /// unix://[:password@]<socket>[?db=N]
  std::string url(int db = 0) const;

  /// redis://[:password@]127.0.0.1:<port>/<db>. REQUIRES: options.tcp.
  std::string tcp_url(int db = 0) const;

  /// Runs one command through redis-cli semantics (argv), returns the reply as text; for test
  /// assertions such as EXISTS, PTTL, GET. Throws if the server cannot be reached.
  std::string command(std::initializer_list<std::string> argv) const;

  const TempDir& dir() const { return dir_; }

 private:
  void wait_ready() const;

  RedisServerOptions options_;
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace koubei::test
