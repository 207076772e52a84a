#include "storage/postgres/postgres_sink.hpp"

#include "config/json_string.hpp"
#include "storage/errors.hpp"
#include "storage/postgres/pg_schema.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

namespace koubei::storage::postgres {
namespace {

constexpr const char* kUpsertStatement = "koubei_upsert";

/// PostgreSQL's jsonb cannot hold U+0000 (SQLSTATE 22P05): a NUL escaped in a record's text is
/// stored as U+FFFD in the table (the JSONL file keeps the original).
void append_jsonb_safe(std::string_view json, std::string& out) {
  constexpr std::string_view kNul = "\\u0000";
  std::size_t from = 0;
  for (std::size_t at = json.find(kNul); at != std::string_view::npos;
       at = json.find(kNul, at + 1)) {
    std::size_t backslashes = 0;
    for (std::size_t i = at; i > 0 && json[i - 1] == '\\'; --i)
      ++backslashes;
    if (backslashes % 2 != 0) continue;  // "\\u0000" is an escaped backslash, then text
    out.append(json.substr(from, at - from));
    out += "\\ufffd";
    from = at + kNul.size();
  }
  out.append(json.substr(from));
}

/// [["id",{record}],...]: one text parameter, expanded by jsonb_array_elements on the server.
void append_pairs(std::span<const OutRecord> rows, std::string& out) {
  out.clear();
  out.push_back('[');
  for (const OutRecord& row : rows) {
    if (out.size() > 1) out.push_back(',');
    out.push_back('[');
    text::append_json_string(row.id, out);
    out.push_back(',');
    append_jsonb_safe(row.json, out);
    out.push_back(']');
  }
  out.push_back(']');
}

}  // namespace

PostgresSinkOptions options_from_config(const config::SinkConfig& sink) {
  PostgresSinkOptions options;
  options.name = sink.name.empty() ? std::string("postgres") : sink.name;
  options.dsn = sink.dsn;
  options.table = sink.table;
  options.batch_rows = sink.batch_rows;
  return options;
}

PostgresSink::PostgresSink(PostgresSinkOptions options)
    : options_(std::move(options)),
      upsert_sql_(upsert_sql(options_.table)),
      ddl_("BEGIN;\n" + create_table_sql(options_.table) + "COMMIT;"),
      label_("postgres sink " + options_.name) {
  options_.batch_rows = std::max<std::uint32_t>(1, options_.batch_rows);
}

Result<void> PostgresSink::connect() {
  if (connected()) return {};
  conn_.reset();
  auto conn = PgConnection::connect(options_.dsn, options_.connect_timeout, label_);
  if (!conn) {
    ++pg_stats_.connect_failures;
    return conn.error();
  }
  if (auto ddl = conn->exec("create table", ddl_.c_str()); !ddl) {
    ++pg_stats_.connect_failures;
    return ddl.error();
  }
  if (auto prepared = conn->prepare(kUpsertStatement, upsert_sql_.c_str(), 1); !prepared) {
    ++pg_stats_.connect_failures;
    return prepared.error();
  }
  ++pg_stats_.connects;
  if (pg_stats_.connects > 1) spdlog::info("{}: reconnected", label_);
  conn_ = std::move(*conn);
  return {};
}

Result<void> PostgresSink::write(std::span<const OutRecord> batch) {
  if (batch.empty()) return {};
  if (auto up = connect(); !up) return fail(up.error());
  if (auto written = write_transaction(batch); !written) return fail(written.error());
  ++stats_.batches;
  stats_.records += batch.size();
  return {};
}

Result<void> PostgresSink::write_transaction(std::span<const OutRecord> batch) {
  if (auto begun = conn_->exec("begin", "BEGIN"); !begun) return begun.error();
  std::string pairs;
  for (std::size_t start = 0; start < batch.size(); start += options_.batch_rows) {
    const auto rows =
        batch.subspan(start, std::min<std::size_t>(options_.batch_rows, batch.size() - start));
    append_pairs(rows, pairs);
    const char* const params[] = {pairs.c_str()};
    auto inserted = conn_->exec_prepared(kUpsertStatement, params);
    if (!inserted) {
      // A rejected statement aborts the transaction; end it so the connection stays usable.
      if (!conn_->broken()) (void)conn_->exec("rollback", "ROLLBACK");
      return inserted.error();
    }
    ++pg_stats_.statements;
  }
  // A COMMIT that fails on a broken connection may or may not have happened: the batch is reported
  // failed and retried, which the upsert makes harmless.
  return conn_->exec("commit", "COMMIT");
}

Error PostgresSink::fail(Error error) {
  ++stats_.failures;
  if (conn_ && conn_->broken()) conn_.reset();  // reconnect on the next write
  return error;
}

}  // namespace koubei::storage::postgres
