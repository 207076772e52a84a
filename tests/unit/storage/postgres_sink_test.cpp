#include "storage/postgres/postgres_sink.hpp"

#include "storage/errors.hpp"
#include "storage/postgres/pg_schema.hpp"
#include "tests/support/postgres_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage::postgres {
namespace {

using Catch::Matchers::Contains;
using testing::mention;
using testing::mentions;
using testing::RecordSpec;
using testing::status_of;

PostgresSinkOptions options_for(const koubei::test::PostgresServer& server,
                                std::string table = "mentions") {
  PostgresSinkOptions options;
  options.name = "pg";
  options.dsn = config::Secret(server.dsn());
  options.table = std::move(table);
  return options;
}

}  // namespace

TEST_CASE("postgres table names are quoted as identifiers, part by part", "[storage][postgres]") {
  CHECK(quote_table("mentions") == R"("mentions")");
  CHECK(quote_table("analytics.mentions") == R"("analytics"."mentions")");
  CHECK(quote_table(R"(m"; DROP TABLE x; --)") == R"("m""; DROP TABLE x; --")");
}

TEST_CASE("storage/README.md shows the DDL the postgres sink runs", "[storage][postgres]") {
  const std::string readme = koubei::test::read_file(KOUBEI_SOURCE_DIR "/storage/README.md");
  const std::string ddl = create_table_sql("mentions");
  const std::string table = ddl.substr(ddl.find("CREATE TABLE"));
  CHECK_THAT(readme, Contains(table));
}

TEST_CASE("postgres sink creates its table and fills the flattened columns from the record",
          "[storage][postgres][.integration]") {
  koubei::test::PostgresServer server;
  PostgresSink sink(options_for(server, "analytics.mentions"));
  server.query("CREATE SCHEMA analytics");

  REQUIRE(status_of(sink.write(mentions(1, 3))) == "ok");
  CHECK(server.scalar("SELECT count(*) FROM analytics.mentions") == "3");
  const auto row = server.query(
      "SELECT platform, kind, native_id, created_at = '2026-11-22T09:00:00Z', author_id, "
      "author_followers, likes, comments, shares IS NULL, influence_score, influence_tier, "
      "sentiment_label IS NULL, query_id, ip_location, record->>'url' "
      "FROM analytics.mentions WHERE id = 'weibo:post:2'");
  REQUIRE(row.size() == 1);
  CHECK(row[0] == std::vector<std::string>{"weibo",
                                           "post",
                                           "2",
                                           "t",
                                           "u2",
                                           "1200",
                                           "0",
                                           "3",
                                           "t",
                                           "10",
                                           "ordinary",
                                           "t",
                                           "q1",
                                           "北京",
                                           "https://m.weibo.cn/detail/2"});
  CHECK(sink.stats().batches == 1);
  CHECK(sink.stats().records == 3);
  CHECK(sink.postgres_stats().connects == 1);
}

TEST_CASE("postgres upsert refreshes metrics and influence from a newer fetch only",
          "[storage][postgres][.integration]") {
  koubei::test::PostgresServer server;
  PostgresSink sink(options_for(server));
  REQUIRE(status_of(sink.write(std::vector{mention(RecordSpec{.n = 7, .likes = 5})})) == "ok");
  const std::string first_seen = server.scalar("SELECT first_seen_at FROM mentions");

  const auto newer = mention(RecordSpec{.n = 7,
                                        .likes = 900,
                                        .score = 71.5,
                                        .tier = "mid",
                                        .fetched_at = "2026-11-22T11:00:00.000Z"});
  REQUIRE(status_of(sink.write(std::vector{newer})) == "ok");
  CHECK(server.query("SELECT likes, influence_score, influence_tier, record->'metrics'->>'likes' "
                     "FROM mentions") ==
        std::vector<std::vector<std::string>>{{"900", "71.5", "mid", "900"}});
  CHECK(server.scalar("SELECT first_seen_at FROM mentions") == first_seen);

  SECTION("a replay of an older fetch changes nothing") {
    REQUIRE(status_of(sink.write(std::vector{mention(RecordSpec{.n = 7, .likes = 5})})) == "ok");
    CHECK(server.scalar("SELECT likes FROM mentions") == "900");
  }
  SECTION("the same id twice in one batch: the last one wins") {
    const auto a = mention(RecordSpec{.n = 7, .likes = 1000, .fetched_at = "2026-11-22T12:00:00Z"});
    const auto b = mention(RecordSpec{.n = 7, .likes = 1001, .fetched_at = "2026-11-22T12:00:00Z"});
    REQUIRE(status_of(sink.write(std::vector{a, b})) == "ok");
    CHECK(server.scalar("SELECT likes FROM mentions") == "1001");
  }
  CHECK(server.scalar("SELECT count(*) FROM mentions") == "1");
}

TEST_CASE("postgres sink sends a batch in statements of batch_rows inside one transaction",
          "[storage][postgres][.integration]") {
  koubei::test::PostgresServer server;
  auto options = options_for(server);
  options.batch_rows = 3;
  PostgresSink sink(options);
  REQUIRE(status_of(sink.write(mentions(0, 10))) == "ok");
  CHECK(sink.postgres_stats().statements == 4);
  CHECK(server.scalar("SELECT count(*) FROM mentions") == "10");

  // A malformed record in the last statement rolls back the statements before it.
  auto batch = mentions(100, 8);
  batch.back().json = R"({"id":"broken", "fetched_at": "not a time"})";
  const auto rejected = sink.write(batch);
  REQUIRE(rejected.has_error());
  CHECK(rejected.error().code == Errc::kSinkRejected);
  CHECK_THAT(rejected.error().where, Contains("postgres sink pg"));
  CHECK(server.scalar("SELECT count(*) FROM mentions") == "10");
  CHECK(sink.stats().failures == 1);

  // The connection survived the rollback.
  REQUIRE(status_of(sink.write(mentions(100, 7))) == "ok");
  CHECK(server.scalar("SELECT count(*) FROM mentions") == "17");
  CHECK(sink.postgres_stats().connects == 1);
}

TEST_CASE("postgres sink reports a stopped server as unavailable, masks the DSN and reconnects",
          "[storage][postgres][.integration]") {
  koubei::test::PostgresServer server;
  auto options = options_for(server);
  options.dsn = config::Secret(server.dsn() + " password=hunter2-secret");  // trust ignores it
  PostgresSink sink(options);
  REQUIRE(status_of(sink.write(mentions(0, 2))) == "ok");

  server.stop();
  const auto down = sink.write(mentions(2, 2));
  REQUIRE(down.has_error());
  CHECK(down.error().code == Errc::kSinkUnavailable);
  CHECK_THAT(down.error().where, Contains("postgres sink pg"));
  CHECK_THAT(down.error().where, !Contains("hunter2-secret"));
  CHECK_FALSE(sink.connected());
  const auto still_down = sink.write(mentions(2, 2));
  REQUIRE(still_down.has_error());
  CHECK(still_down.error().code == Errc::kSinkUnavailable);
  CHECK_THAT(still_down.error().where, Contains("connect"));
  CHECK_THAT(still_down.error().where, !Contains("hunter2-secret"));

  server.start();
  REQUIRE(status_of(sink.write(mentions(2, 2))) == "ok");
  CHECK(server.scalar("SELECT count(*) FROM mentions") == "4");
  CHECK(sink.postgres_stats().connects == 2);
  CHECK(sink.stats().failures == 2);
}

TEST_CASE("postgres sink stores a record whose text holds a NUL, as U+FFFD in the table only",
          "[storage][postgres][.integration]") {
  koubei::test::PostgresServer server;
  PostgresSink sink(options_for(server));
  auto record = mention(1);
  const std::string marker = R"("text":"测试 1")";
  REQUIRE(record.json.find(marker) != std::string::npos);
  // A real NUL escape, then an escaped backslash followed by the letters u0000 (not a NUL).
  record.json.replace(record.json.find(marker), marker.size(), R"("text":"a\u0000b \\u0000")");
  REQUIRE(status_of(sink.write(std::vector{record})) == "ok");
  CHECK(server.scalar("SELECT record->>'text' FROM mentions") ==
        "a\xEF\xBF\xBD"
        "b \\u0000");
}

TEST_CASE("a table changed by hand is the operator's to fix: unavailable, not a rejected record",
          "[storage][postgres][.integration]") {
  koubei::test::PostgresServer server;
  PostgresSink sink(options_for(server));
  REQUIRE(status_of(sink.write(mentions(0, 1))) == "ok");
  server.query("ALTER TABLE mentions DROP COLUMN ip_location");
  const auto failed = sink.write(mentions(1, 1));
  REQUIRE(failed.has_error());
  CHECK(failed.error().code == Errc::kSinkUnavailable);
  CHECK_THAT(failed.error().where, Contains("SQLSTATE 42"));
}

}  // namespace koubei::storage::postgres
