#pragma once
// PostgresSink: the `postgres` [[sink]]: every batch is upserted into one table (DDL in
// storage/README.md, created on first connect) in one transaction.
//
// Contract
// - write(batch) succeeds only after COMMIT: then every record of the batch is in the table
//   (inserted, or refreshed when the stored fetch was older, see pg_schema.hpp). Records are sent
//   in statements of at most batch_rows rows, all inside one transaction; a failure rolls the
//   whole batch back, so a retried batch never half-exists.
// - Columns are filled by the server from the record's JSON (jsonb operators), so the sink parses
//   nothing; the `id` column is OutRecord::id, the record's stable id.
// - Reconnect: when the connection is missing or broken, write() connects first (and runs the
//   DDL). A failed connect or a broken connection is Errc::kSinkUnavailable; the pipeline spools
//   and decides when to try again (it owns the backoff). An SQL error on a healthy connection is
//   kSinkRejected (the same batch would fail again; it usually means a malformed record).
// - jsonb cannot hold U+0000: a NUL in a record's text is stored as U+FFFD (table only).
// - The DSN is a Secret: it never appears in logs or errors (mask_dsn, password redacted).
// - Thread safety: none; one sink per storage thread.

#include "config/config.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sink.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace koubei::storage::postgres {

struct PostgresSinkOptions {
  /// The [[sink]] name, for logs, errors and the spool directory.
  std::string name = "postgres";
  /// libpq URL or conninfo string.
  config::Secret dsn;
  /// Table name, optionally schema-qualified ("analytics.mentions").
  std::string table = "mentions";
  /// Rows per INSERT statement (several statements per batch, one transaction). 0 is taken as 1.
  std::uint32_t batch_rows = 500;
  /// libpq connect_timeout (whole seconds, at least 1).
  config::Duration connect_timeout = std::chrono::seconds(5);
};

/// The options of a `type = "postgres"` [[sink]].
PostgresSinkOptions options_from_config(const config::SinkConfig& sink);

struct PostgresSinkStats {
  std::uint64_t connects = 0;  ///< successful connects, the first included
  std::uint64_t connect_failures = 0;
  std::uint64_t statements = 0;  ///< INSERT statements executed
};

class PostgresSink final : public Sink {
 public:
  explicit PostgresSink(PostgresSinkOptions options);

  std::string_view name() const override { return options_.name; }

  Result<void> write(std::span<const OutRecord> batch) override;

  SinkStats stats() const override { return stats_; }

  const PostgresSinkStats& postgres_stats() const noexcept { return pg_stats_; }

  /// Connects (and creates the table) now rather than on the first write, for start-up checks.
  Result<void> connect();

  bool connected() const noexcept { return conn_.has_value() && !conn_->broken(); }

 private:
  Result<void> write_transaction(std::span<const OutRecord> batch);
  Error fail(Error error);

  PostgresSinkOptions options_;
  std::string upsert_sql_;
  std::string ddl_;
  std::string label_;  // "postgres sink <name>"
  std::optional<PgConnection> conn_;
  SinkStats stats_;
  PostgresSinkStats pg_stats_;
};

}  // namespace koubei::storage::postgres
