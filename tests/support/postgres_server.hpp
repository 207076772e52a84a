#pragma once
// PostgresServer: a private, throw-away PostgreSQL 15 cluster for tests and benchmarks (Debian's
// /usr/lib/postgresql/15/bin/{initdb,pg_ctl}). It listens only on a unix socket in its own temp
// directory (no TCP, so no port to collide on), trusts local connections and is removed with
// everything in it by the destructor.
//
// PostgreSQL refuses to run as root: when the process is root, initdb and pg_ctl run as the
// `postgres` user (runuser) and the temp directory is handed to that user.
//
// Start-up failures throw std::runtime_error with the server log (test set-up, not data path).
// Thread safety: none; one owner.

#include "tests/support/temp_dir.hpp"

#include <string>
#include <vector>

namespace koubei::test {

struct PostgresServerOptions {
  /// fsync off makes tests faster; benchmarks turn it on to measure what production sees.
  bool fsync = false;
};

class PostgresServer {
 public:
  explicit PostgresServer(PostgresServerOptions options = {});
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  /// libpq conninfo of the cluster: "host=<socket dir> port=5432 dbname=postgres user=koubei".
  std::string dsn() const;

  /// pg_ctl stop -m fast: disconnects every client, as an outage would.
  void stop();
  /// pg_ctl start again after stop(); waits until it accepts connections.
  void start();

  bool running() const { return running_; }

  /// Runs SQL and returns every row, each value as text ("" for NULL). Throws on error.
  std::vector<std::vector<std::string>> query(const std::string& sql) const;
  /// The single value of a one-row, one-column query.
  std::string scalar(const std::string& sql) const;

 private:
  void pg_ctl(const std::vector<std::string>& args) const;

  PostgresServerOptions options_;
  TempDir dir_;
  std::string data_dir_;
  std::string socket_dir_;
  bool running_ = false;
};

/// Runs argv (no shell) and waits; stdout and stderr are appended to log_path. Returns the exit
/// status, or -1 when the program could not be started or was killed by a signal.
int run_program(const std::vector<std::string>& argv, const std::string& log_path);

}  // namespace koubei::test
