#include "storage/postgres/pg_schema.hpp"

#include <fmt/format.h>

namespace koubei::storage::postgres {
namespace {

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

/// A SQL string literal: quotes doubled (standard_conforming_strings is on since PostgreSQL 9.1).
std::string quote_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

/// Index names are derived from the unqualified table name (indexes live in the table's schema).
std::string index_name(std::string_view table, std::string_view suffix) {
  const std::size_t dot = table.rfind('.');
  const std::string_view base = dot == std::string_view::npos ? table : table.substr(dot + 1);
  return quote_identifier(fmt::format("{}_{}", base, suffix));
}

}  // namespace

std::string quote_table(std::string_view table) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t dot = table.find('.', start);
    out += quote_identifier(table.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    out.push_back('.');
    start = dot + 1;
  }
  return out;
}

std::string create_table_sql(std::string_view table) {
  const std::string t = quote_table(table);
  return fmt::format(
      R"(SELECT pg_advisory_xact_lock(hashtext('koubei.schema:' || {lock}));
CREATE TABLE IF NOT EXISTS {t} (
  id               text PRIMARY KEY,
  platform         text NOT NULL,
  kind             text NOT NULL,
  native_id        text,
  created_at       timestamptz,
  fetched_at       timestamptz NOT NULL,
  author_id        text,
  author_followers bigint,
  likes            bigint,
  comments         bigint,
  shares           bigint,
  collects         bigint,
  views            bigint,
  influence_score  double precision,
  influence_tier   text,
  sentiment_label  text,
  query_id         text,
  ip_location      text,
  record           jsonb NOT NULL,
  first_seen_at    timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS {i1} ON {t} (platform, created_at);
CREATE INDEX IF NOT EXISTS {i2} ON {t} (query_id, created_at);
CREATE INDEX IF NOT EXISTS {i3} ON {t} (author_id);
)",
      fmt::arg("lock", quote_literal(table)),
      fmt::arg("t", t),
      fmt::arg("i1", index_name(table, "platform_created_idx")),
      fmt::arg("i2", index_name(table, "query_created_idx")),
      fmt::arg("i3", index_name(table, "author_idx")));
}

std::string upsert_sql(std::string_view table) {
  return fmt::format(
      R"(INSERT INTO {t} AS m (id, platform, kind, native_id, created_at, fetched_at, author_id,
  author_followers, likes, comments, shares, collects, views, influence_score, influence_tier,
  sentiment_label, query_id, ip_location, record)
SELECT s.id, r->>'platform', r->>'kind', r->>'native_id', (r->>'created_at')::timestamptz,
  COALESCE((r->>'fetched_at')::timestamptz, now()), r#>>'{{author,id}}',
  (r#>>'{{author,followers}}')::bigint, (r#>>'{{metrics,likes}}')::bigint,
  (r#>>'{{metrics,comments}}')::bigint, (r#>>'{{metrics,shares}}')::bigint,
  (r#>>'{{metrics,collects}}')::bigint, (r#>>'{{metrics,views}}')::bigint,
  (r#>>'{{influence,score}}')::double precision, r#>>'{{influence,tier}}',
  r#>>'{{sentiment,label}}', r#>>'{{query,id}}', r->>'ip_location', r
FROM (SELECT DISTINCT ON (e.pair->>0) e.pair->>0 AS id, e.pair->1 AS r
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(pair, ord)
      ORDER BY e.pair->>0, e.ord DESC) AS s
ON CONFLICT (id) DO UPDATE SET
  author_followers = EXCLUDED.author_followers, likes = EXCLUDED.likes,
  comments = EXCLUDED.comments, shares = EXCLUDED.shares, collects = EXCLUDED.collects,
  views = EXCLUDED.views, influence_score = EXCLUDED.influence_score,
  influence_tier = EXCLUDED.influence_tier, sentiment_label = EXCLUDED.sentiment_label,
  ip_location = EXCLUDED.ip_location, fetched_at = EXCLUDED.fetched_at,
  record = EXCLUDED.record, updated_at = now()
WHERE m.fetched_at <= EXCLUDED.fetched_at)",
      fmt::arg("t", quote_table(table)));
}

}  // namespace koubei::storage::postgres
