#pragma once
// PgConnection: one libpq connection (PGconn) with RAII and errors as values, for the PostgreSQL
// sink. Only what the sink needs: connect, simple commands, prepared statements with text
// parameters.
//
// Contract
// - connect() takes the DSN as a Secret (URL or "key=value" conninfo) and never puts it in an
//   error: messages name the server by mask_dsn() and have the password redacted.
// - Every failure is a koubei::Error: storage::Errc::kSinkRejected when the server refused the data
//   itself (SQLSTATE class 22 data exception or 23 integrity violation: retrying the same records
//   fails again), kSinkUnavailable for everything else (server unreachable, connection broken,
//   shutdown, disk full, a table altered by hand, a missing privilege): retry later.
// - broken() tells the owner to drop the connection and connect anew.
// - Thread safety: none (libpq: one connection per thread at a time). Move-only.

#include "config/error.hpp"
#include "config/secret.hpp"
#include "config/units.hpp"

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <libpq-fe.h>

namespace koubei::storage::postgres {

struct PgConnDeleter {
  void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};

struct PgResultDeleter {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};

using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

class PgConnection {
 public:
  /// Opens a connection; `label` prefixes every error ("postgres sink pg").
  /// REQUIRES: timeout >= 1s (libpq's connect_timeout has a resolution of seconds).
  static Result<PgConnection> connect(const config::Secret& dsn,
                                      config::Duration timeout,
                                      std::string label);

  /// A command without parameters and without rows (BEGIN, COMMIT, DDL).
  Result<void> exec(std::string_view what, const char* sql);

  Result<void> prepare(const char* name, const char* sql, int param_count);

  /// Runs a prepared statement with text parameters; success is PGRES_COMMAND_OK or TUPLES_OK.
  Result<PgResultPtr> exec_prepared(const char* name, std::span<const char* const> params);

  /// True when the connection is gone (the server stopped, the socket broke).
  bool broken() const noexcept;

  PGconn* raw() const noexcept { return conn_.get(); }

 private:
  PgConnection(std::unique_ptr<PGconn, PgConnDeleter> conn, std::string label, std::string secret);

  Result<PgResultPtr> check(PGresult* result, std::string_view what);
  Error error(std::string_view what, const PGresult* result) const;

  std::unique_ptr<PGconn, PgConnDeleter> conn_;
  std::string label_;     // "postgres sink pg (postgresql://u:***@h/db)"
  std::string password_;  // redacted from every server message
};

}  // namespace koubei::storage::postgres
