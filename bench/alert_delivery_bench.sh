#!/usr/bin/env bash
# Runs koubei_alert_delivery_bench with a private redis-server (unix socket in a temp dir, no
# persistence, no TCP port), then cleans up.
#   bench/alert_delivery_bench.sh [BUILD_DIR] [extra koubei_alert_delivery_bench args...]
set -euo pipefail
build="${1:-build/release}"
shift || true
tmp="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
redis-server --port 0 --unixsocket "$tmp/redis.sock" --unixsocketperm 700 --dir "$tmp" \
  --save "" --appendonly no --logfile "$tmp/redis.log" &
pid=$!
for _ in $(seq 300); do
  [ "$(redis-cli -s "$tmp/redis.sock" ping 2>/dev/null)" = PONG ] && break
  sleep 0.1
done
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), $(nproc) cores, $(date -u +%F)"
"$build/bench/koubei_alert_delivery_bench" --redis-socket "$tmp/redis.sock" "$@"
