// PostgreSQL sink throughput: rows/s through PostgresSink::write (one transaction per batch,
// INSERT … ON CONFLICT statements of batch_rows rows), for several batch sizes, first as inserts
// into an empty table and then as upserts that refresh every row (the same ids, a newer fetch).
// The ceiling in the same run: COPY FROM STDIN of the same records into a bare (id, jsonb) table,
// the fastest way PostgreSQL ingests rows. Records are koubei.mention.v1 objects of ~1 KB.
// By default it starts a private PostgreSQL 15 cluster with fsync on (tests/support); --dsn uses
// an existing server instead. A second table runs the whole delivery pipeline (claim → JSONL with
// fsync + PostgreSQL → confirm, with an in-memory test dedup store): normally, with PostgreSQL
// down (records go to its spool), and replaying that spool once it is back.
// Output: Markdown tables. Printed figures, never assertions.
//
//   koubei_pg_sink_bench [--rows N] [--dsn CONNINFO] [--no-fsync]

#include "storage/delivery_pipeline.hpp"
#include "storage/jsonl_delivery_sink.hpp"
#include "storage/postgres/postgres_sink.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/test_stores.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <libpq-fe.h>

namespace {

using namespace koubei;
using Clock = std::chrono::steady_clock;
using storage::OutRecord;
using storage::testing::mention;
using storage::testing::RecordSpec;

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};

std::vector<OutRecord> records(std::uint64_t count, const std::string& fetched_at) {
  std::vector<OutRecord> out;
  out.reserve(count);
  for (std::uint64_t n = 0; n < count; ++n) {
    out.push_back(mention(RecordSpec{.n = n,
                                     .likes = static_cast<std::int64_t>(n % 5000),
                                     .score = static_cast<double>(n % 100),
                                     .tier = "tail",
                                     .fetched_at = fetched_at}));
  }
  return out;
}

void exec(PGconn* conn, const char* sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, sql), PQclear);
  const auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "bench: %s: %s\n", sql, PQresultErrorMessage(r.get()));
    std::exit(1);
  }
}

/// Seconds to write every record through a fresh PostgresSink in batches of `batch`.
double sink_seconds(const std::string& dsn, const std::vector<OutRecord>& rows, std::size_t batch) {
  storage::postgres::PostgresSinkOptions options;
  options.dsn = config::Secret(dsn);
  options.table = "bench_mentions";
  storage::postgres::PostgresSink sink(options);
  if (auto up = sink.connect(); !up) {
    std::fprintf(stderr, "bench: %s\n", up.error().message().c_str());
    std::exit(1);
  }
  const auto start = Clock::now();
  for (std::size_t at = 0; at < rows.size(); at += batch) {
    const std::span<const OutRecord> part(rows.data() + at, std::min(batch, rows.size() - at));
    if (auto written = sink.write(part); !written) {
      std::fprintf(stderr, "bench: %s\n", written.error().message().c_str());
      std::exit(1);
    }
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Seconds to COPY the records into a bare table, in transactions of `batch` rows.
double copy_seconds(PGconn* conn, const std::vector<OutRecord>& rows, std::size_t batch) {
  exec(conn, "DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (id text, record jsonb)");
  const auto start = Clock::now();
  std::string buffer;
  for (std::size_t at = 0; at < rows.size(); at += batch) {
    {
      std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, "COPY bench_copy FROM STDIN"),
                                                      PQclear);
      if (PQresultStatus(r.get()) != PGRES_COPY_IN) {
        std::fprintf(stderr, "bench: COPY: %s\n", PQerrorMessage(conn));
        std::exit(1);
      }
    }
    buffer.clear();
    for (std::size_t i = at; i < std::min(rows.size(), at + batch); ++i) {
      buffer += rows[i].id;
      buffer += '\t';
      for (const char c : rows[i].json) {  // COPY text format: backslashes doubled
        if (c == '\\') buffer += '\\';
        buffer += c;
      }
      buffer += '\n';
    }
    if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1 ||
        PQputCopyEnd(conn, nullptr) != 1) {
      std::fprintf(stderr, "bench: COPY: %s\n", PQerrorMessage(conn));
      std::exit(1);
    }
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQgetResult(conn), PQclear);
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      std::fprintf(stderr, "bench: COPY: %s\n", PQresultErrorMessage(r.get()));
      std::exit(1);
    }
    while (PGresult* more = PQgetResult(conn))
      PQclear(more);
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// A pipeline over a JSONL file (fsync on) and PostgreSQL at `dsn`, spools under `state`.
std::unique_ptr<storage::DeliveryPipeline> make_pipeline(storage::DedupStore& dedup,
                                                         const std::string& state,
                                                         const std::string& dsn) {
  std::vector<storage::DeliveryLane> lanes;
  storage::JsonlSinkOptions file;
  file.path_pattern = state + "/out.jsonl";
  storage::postgres::PostgresSinkOptions pg;
  pg.name = "pg";
  pg.dsn = config::Secret(dsn);
  pg.table = "bench_pipeline";
  for (const std::string name : {"jsonl", "pg"}) {
    storage::SpoolOptions spool;
    spool.dir = state + "/spool/" + name;
    auto opened = storage::Spool::open(spool);
    if (!opened) {
      std::fprintf(stderr, "bench: %s\n", opened.error().message().c_str());
      std::exit(1);
    }
    std::unique_ptr<storage::Sink> sink;
    if (name == "jsonl") {
      sink = std::make_unique<storage::JsonlDeliverySink>(name, file);
    } else {
      sink = std::make_unique<storage::postgres::PostgresSink>(pg);
    }
    lanes.push_back(storage::DeliveryLane{std::move(sink), std::move(*opened)});
  }
  return std::make_unique<storage::DeliveryPipeline>(
      dedup, nullptr, std::move(lanes), storage::PipelineOptions{});
}

/// Seconds to deliver `rows` through `pipeline` in batches of `batch`.
double deliver_seconds(storage::DeliveryPipeline& pipeline,
                       const std::vector<OutRecord>& rows,
                       std::size_t batch) {
  const auto start = Clock::now();
  for (std::size_t at = 0; at < rows.size(); at += batch) {
    const std::span<const OutRecord> part(rows.data() + at, std::min(batch, rows.size() - at));
    if (auto report = pipeline.deliver(part); !report) {
      std::fprintf(stderr, "bench: %s\n", report.error().message().c_str());
      std::exit(1);
    }
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The delivery pipeline end to end: normal, with PostgreSQL down (JSONL + spool), and the replay.
void pipeline_table(PGconn* conn, const std::string& dsn, std::uint64_t count) {
  std::printf(
      "\n| rows per batch | mentions | pipeline mentions/s | PostgreSQL down (spooling) "
      "mentions/s | spool replay into PostgreSQL mentions/s |\n");
  std::printf("|---|---|---|---|---|\n");
  for (const std::size_t batch : {100, 500}) {
    koubei::test::TempDir state;
    exec(conn, "DROP TABLE IF EXISTS bench_pipeline");
    koubei::test::TestDedupStore dedup;  // in memory: measures the sinks, not a dedup backend
    const auto rows = records(2 * count, "2026-11-22T10:00:00.000Z");
    const std::vector<OutRecord> normal_rows(rows.begin(), rows.begin() + count);
    const std::vector<OutRecord> outage_rows(rows.begin() + count, rows.end());
    auto up = make_pipeline(dedup, state.path().string(), dsn);
    const double normal = deliver_seconds(*up, normal_rows, batch);
    up.reset();
    auto down = make_pipeline(dedup, state.path().string(), "host=/nonexistent dbname=x");
    const double outage = deliver_seconds(*down, outage_rows, batch);
    down.reset();
    auto back = make_pipeline(dedup, state.path().string(), dsn);
    const auto start = Clock::now();
    while (back->lanes()[1].spooled_records > 0) {
      if (auto replayed = back->replay(); !replayed) {
        std::fprintf(stderr, "bench: replay: %s\n", replayed.error().message().c_str());
        std::exit(1);
      }
    }
    const double replay = std::chrono::duration<double>(Clock::now() - start).count();
    const double c = static_cast<double>(count);
    std::printf("| %zu | %llu | %.0f | %.0f | %.0f |\n",
                batch,
                static_cast<unsigned long long>(count),
                c / normal,
                c / outage,
                c / replay);
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t max_rows = 20000;
  std::string dsn;
  bool fsync = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rows" && i + 1 < argc) {
      max_rows = std::stoull(argv[++i]);
    } else if (arg == "--dsn" && i + 1 < argc) {
      dsn = argv[++i];
    } else if (arg == "--no-fsync") {
      fsync = false;
    } else {
      std::fprintf(stderr, "usage: %s [--rows N] [--dsn CONNINFO] [--no-fsync]\n", argv[0]);
      return 2;
    }
  }
  std::optional<koubei::test::PostgresServer> server;
  if (dsn.empty()) {
    server.emplace(koubei::test::PostgresServerOptions{.fsync = fsync});
    dsn = server->dsn();
  }
  std::unique_ptr<PGconn, ConnDeleter> conn(PQconnectdb(dsn.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    std::fprintf(stderr, "bench: connect: %s\n", PQerrorMessage(conn.get()));
    return 1;
  }
  exec(conn.get(), "SET client_min_messages = warning");
  std::printf("PostgreSQL %s, fsync %s, records of %zu bytes, batch_rows 500\n\n",
              PQparameterStatus(conn.get(), "server_version"),
              server ? (fsync ? "on" : "off") : "(external server)",
              mention(RecordSpec{.n = 12345}).json.size());
  std::printf(
      "| rows per write | rows | insert rows/s | upsert (refresh) rows/s | insert MB/s |"
      " COPY ceiling rows/s | insert/COPY |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (const std::size_t batch : {1, 10, 100, 500, 2000}) {
    const std::uint64_t count = std::min<std::uint64_t>(max_rows, batch * 1000);
    const auto first = records(count, "2026-11-22T10:00:00.000Z");
    const auto newer = records(count, "2026-11-22T11:00:00.000Z");
    std::uint64_t bytes = 0;
    for (const auto& r : first)
      bytes += r.json.size();
    exec(conn.get(), "DROP TABLE IF EXISTS bench_mentions");
    const double insert = sink_seconds(dsn, first, batch);
    const double upsert = sink_seconds(dsn, newer, batch);
    const double copy = copy_seconds(conn.get(), first, batch);
    const double c = static_cast<double>(count);
    std::printf("| %zu | %llu | %.0f | %.0f | %.1f | %.0f | %.0f%% |\n",
                batch,
                static_cast<unsigned long long>(count),
                c / insert,
                c / upsert,
                static_cast<double>(bytes) / insert / 1e6,
                c / copy,
                100.0 * copy / insert);
    std::fflush(stdout);
  }
  pipeline_table(conn.get(), dsn, max_rows);
  return 0;
}
