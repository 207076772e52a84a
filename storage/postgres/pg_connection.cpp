#include "storage/postgres/pg_connection.hpp"

#include "storage/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <utility>

namespace koubei::storage::postgres {
namespace {

/// libpq messages end in '\n' and may span lines; one line reads better in logs.
std::string one_line(std::string_view message) {
  std::string out(message);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

/// Server messages do not echo passwords, but a DSN typo can land in one: mask it anyway.
std::string redact(std::string text, std::string_view password) {
  if (password.size() < config::Redactor::kMinLength) return text;
  for (std::size_t at = text.find(password); at != std::string::npos;
       at = text.find(password, at + config::kMask.size())) {
    text.replace(at, password.size(), config::kMask);
  }
  return text;
}

/// SQLSTATE classes that blame the data sent: data exception (22: a bad timestamp, a number out
/// of range, a NUL in jsonb) and integrity constraint violation (23). Everything else (connection
/// lost, shutdown, out of disk, a table changed by hand, missing privileges) is the server's or the
/// operator's to fix, and the same batch succeeds once they have.
bool data_sqlstate(std::string_view state) {
  return state.starts_with("22") || state.starts_with("23");
}

}  // namespace

Result<PgConnection> PgConnection::connect(const config::Secret& dsn,
                                           config::Duration timeout,
                                           std::string label) {
  const auto seconds =
      std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(timeout).count());
  const std::string timeout_text = std::to_string(seconds);
  // Ours first: libpq lets later entries, including those inside the expanded DSN, win.
  // TCP keepalives and tcp_user_timeout: a server that vanishes without a reset (a dead host, a
  // dropped route) fails the write within about half a minute instead of hanging the storage
  // thread. Ignored on unix sockets.
  const char* const keys[] = {"connect_timeout",
                              "application_name",
                              "keepalives",
                              "keepalives_idle",
                              "keepalives_interval",
                              "keepalives_count",
                              "tcp_user_timeout",
                              "dbname",
                              nullptr};
  const char* const values[] = {
      timeout_text.c_str(), "koubei", "1", "10", "5", "3", "30000", dsn.reveal().c_str(), nullptr};
  std::unique_ptr<PGconn, PgConnDeleter> conn(PQconnectdbParams(keys, values, 1));
  label = fmt::format("{} ({})", label, config::mask_dsn(dsn.reveal()));
  const std::string password(config::dsn_password(dsn.reveal()));
  if (!conn) return Error{Errc::kSinkUnavailable, label + ": connect: out of memory"};
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Error{Errc::kSinkUnavailable,
                 redact(fmt::format("{}: connect: {}", label, one_line(PQerrorMessage(conn.get()))),
                        password)};
  }
  // NOTICEs ("relation already exists, skipping" from the idempotent DDL) are not for stderr.
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return PgConnection(std::move(conn), std::move(label), password);
}

PgConnection::PgConnection(std::unique_ptr<PGconn, PgConnDeleter> conn,
                           std::string label,
                           std::string secret)
    : conn_(std::move(conn)), label_(std::move(label)), password_(std::move(secret)) {}

Result<void> PgConnection::exec(std::string_view what, const char* sql) {
  auto result = check(PQexec(conn_.get(), sql), what);
  if (!result) return result.error();
  return {};
}

Result<void> PgConnection::prepare(const char* name, const char* sql, int param_count) {
  auto result = check(PQprepare(conn_.get(), name, sql, param_count, nullptr),
                      fmt::format("prepare {}", name));
  if (!result) return result.error();
  return {};
}

Result<PgResultPtr> PgConnection::exec_prepared(const char* name,
                                                std::span<const char* const> params) {
  return check(
      PQexecPrepared(
          conn_.get(), name, static_cast<int>(params.size()), params.data(), nullptr, nullptr, 0),
      name);
}

bool PgConnection::broken() const noexcept {
  return !conn_ || PQstatus(conn_.get()) != CONNECTION_OK;
}

Result<PgResultPtr> PgConnection::check(PGresult* raw_result, std::string_view what) {
  PgResultPtr result(raw_result);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  return error(what, result.get());
}

Error PgConnection::error(std::string_view what, const PGresult* result) const {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = state != nullptr ? state : "";
  const char* text = result != nullptr ? PQresultErrorMessage(result) : "";
  if (text == nullptr || *text == '\0') text = PQerrorMessage(conn_.get());
  const bool unavailable = broken() || !data_sqlstate(sqlstate);
  std::string where = fmt::format("{}: {}: {}{}{}",
                                  label_,
                                  what,
                                  one_line(text),
                                  sqlstate.empty() ? "" : " SQLSTATE ",
                                  sqlstate);
  return Error{unavailable ? Errc::kSinkUnavailable : Errc::kSinkRejected,
               redact(std::move(where), password_)};
}

}  // namespace koubei::storage::postgres
