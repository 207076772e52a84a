#include "tests/support/postgres_server.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX, for posix_spawnp

namespace koubei::test {
namespace {

constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin/";

bool is_root() {
  return ::geteuid() == 0;
}

/// As root, every server-side program runs as `postgres`.
std::vector<std::string> as_server_user(std::vector<std::string> argv) {
  if (!is_root()) return argv;
  std::vector<std::string> out = {"runuser", "-u", "postgres", "--"};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

void chown_to_postgres(const std::filesystem::path& path) {
  const passwd* pw = ::getpwnam("postgres");
  if (pw == nullptr) throw std::runtime_error("no `postgres` user to run PostgreSQL as root");
  if (::chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    throw std::runtime_error("chown postgres " + path.string());
  }
}

std::string tail_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};

}  // namespace

int run_program(const std::vector<std::string>& argv, const std::string& log_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(
      &actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));  // NOLINT: POSIX API
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

PostgresServer::PostgresServer(PostgresServerOptions options)
    : options_(options),
      data_dir_((dir_ / "data").string()),
      socket_dir_((dir_ / "sock").string()) {
  std::filesystem::create_directories(socket_dir_);
  if (is_root()) {
    chown_to_postgres(dir_.path());
    chown_to_postgres(socket_dir_);
  }
  const std::string log = (dir_ / "initdb.log").string();
  const int rc = run_program(as_server_user({std::string(kBinDir) + "initdb",
                                             "-D",
                                             data_dir_,
                                             "-A",
                                             "trust",
                                             "-U",
                                             "koubei",
                                             "-E",
                                             "UTF8",
                                             "--locale=C",
                                             "--no-sync"}),
                             log);
  if (rc != 0) throw std::runtime_error("initdb failed:\n" + tail_of(log));
  start();
}

PostgresServer::~PostgresServer() {
  if (running_) {
    try {
      pg_ctl({"-m", "immediate", "stop"});
    } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): best effort at teardown
    }
  }
}

std::string PostgresServer::dsn() const {
  return "host=" + socket_dir_ + " port=5432 dbname=postgres user=koubei";
}

void PostgresServer::start() {
  std::string server_options = "-k " + socket_dir_ + " -h '' -c max_connections=40";
  if (!options_.fsync) server_options += " -F";
  pg_ctl({"-o", server_options, "-t", "120", "-w", "start"});
  running_ = true;
}

void PostgresServer::stop() {
  pg_ctl({"-m", "fast", "-t", "120", "-w", "stop"});
  running_ = false;
}

void PostgresServer::pg_ctl(const std::vector<std::string>& args) const {
  const std::string log = (dir_ / "server.log").string();
  std::vector<std::string> argv = {std::string(kBinDir) + "pg_ctl", "-D", data_dir_, "-l", log};
  argv.insert(argv.end(), args.begin(), args.end());
  // pg_ctl's own output goes next to the server log it names.
  if (run_program(as_server_user(argv), (dir_ / "pg_ctl.log").string()) != 0) {
    throw std::runtime_error("pg_ctl " + args.back() + " failed:\n" +
                             tail_of((dir_ / "pg_ctl.log").string()) + tail_of(log));
  }
}

std::vector<std::vector<std::string>> PostgresServer::query(const std::string& sql) const {
  const std::unique_ptr<PGconn, ConnDeleter> conn(PQconnectdb(dsn().c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("test query: connect: ") + PQerrorMessage(conn.get()));
  }
  const std::unique_ptr<PGresult, ResultDeleter> result(PQexec(conn.get(), sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw std::runtime_error("test query: " + sql + ": " + PQresultErrorMessage(result.get()));
  }
  std::vector<std::vector<std::string>> rows;
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < PQnfields(result.get()); ++c)
      row.emplace_back(PQgetvalue(result.get(), r, c));
  }
  return rows;
}

std::string PostgresServer::scalar(const std::string& sql) const {
  const auto rows = query(sql);
  if (rows.size() != 1 || rows[0].size() != 1) {
    throw std::runtime_error("test query: expected one value from: " + sql);
  }
  return rows[0][0];
}

}  // namespace koubei::test
