#pragma once
// The PostgreSQL sink's table: its DDL and the batched upsert, as SQL text for one table name.
// storage/README.md ("## PostgreSQL") shows the same DDL for table "mentions"; a test keeps the
// two from drifting apart.
//
// Contract
// - quote_table("analytics.mentions") quotes each dot-separated part as an identifier, so any
//   configured name is safe to splice into SQL (no injection through `table`).
// - create_table_sql() is idempotent (IF NOT EXISTS) and serialised across processes by an
//   advisory lock, so several koubei processes may start at once.
// - upsert_sql() takes one parameter: a JSON array of [id, record] pairs. Within one statement
//   the last pair of an id wins; on conflict the newer fetch (fetched_at) refreshes metrics,
//   followers, influence, sentiment, ip_location and the stored record, and an older one (a
//   spool replay after a fresher write) changes nothing.

#include <string>
#include <string_view>

namespace koubei::storage::postgres {

/// `"schema"."table"` with embedded quotes doubled.
std::string quote_table(std::string_view table);

/// DDL run in one transaction on every (re)connect.
std::string create_table_sql(std::string_view table);

std::string upsert_sql(std::string_view table);

}  // namespace koubei::storage::postgres
