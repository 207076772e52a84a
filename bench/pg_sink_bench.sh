#!/usr/bin/env bash
# Builds and runs the PostgreSQL sink benchmark (release preset) against a private PostgreSQL 15
# cluster with fsync on; extra arguments go to the benchmark (--rows N, --dsn CONNINFO, --no-fsync).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --target koubei_pg_sink_bench -j2
exec build/release/bench/koubei_pg_sink_bench "$@"
