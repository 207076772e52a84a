#!/usr/bin/env bash
# Sandbox throughput: wrk against sandbox search endpoints on loopback (docs/performance.md,
# "Sandbox"). Prints requests/s and latency per endpoint; the target is ≥ 20,000 pages/s on the
# m.weibo.cn search API so the sandbox is never the bottleneck of a crawler benchmark.
#
#   bench/sandbox_bench.sh [KOUBEI_BINARY] [DURATION] [CONNECTIONS]
#   defaults: build/release/koubei 10s 64; env SANDBOX_THREADS (2), WRK_THREADS (1)
set -euo pipefail

bin=${1:-build/release/koubei}
duration=${2:-10s}
connections=${3:-64}
server_threads=${SANDBOX_THREADS:-2}
wrk_threads=${WRK_THREADS:-1}
command -v wrk >/dev/null || { echo "sandbox_bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[[ -x $bin ]] || { echo "sandbox_bench: $bin not built (cmake --build --preset release --target koubei)" >&2; exit 2; }

out=$(mktemp)
"$bin" sandbox --listen 127.0.0.1:0 --seed 1 --scenario steady --clock-rate 0 \
  --epoch 2026-11-22T10:00:00+08:00 --threads "$server_threads" >"$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q '^listening on' "$out" && break; sleep 0.05; done
addr=$(sed -n 's/^listening on //p' "$out")
[[ -n $addr ]] || { echo "sandbox_bench: the sandbox did not start" >&2; exit 1; }
base="http://$addr"

kw=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("华为 信号"))')
container=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("100103type=1&q=华为 信号", safe=""))')
dy_query="keyword=$kw&offset=0&count=15"
a_bogus=$(curl -s -X POST --data-binary "$dy_query" "$base/__sandbox/sign?platform=douyin" |
  python3 -c 'import json,sys;print(json.load(sys.stdin)["a_bogus"])')

run() {  # name url [cookie]
  local name=$1 url=$2 cookie=${3:-}
  local bytes
  bytes=$(curl -s -H "Cookie: $cookie" "$url" | wc -c)
  local res
  res=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency -H "Cookie: $cookie" "$url")
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$res")
  p50=$(awk '$1=="50%" {print $2}' <<<"$res")
  p99=$(awk '$1=="99%" {print $2}' <<<"$res")
  printf '%-28s %8s pages/s  p50 %-8s p99 %-8s %6s bytes/page\n' "$name" "$rps" "$p50" "$p99" "$bytes"
}

echo "sandbox $addr: scenario steady, $server_threads server threads; wrk -t$wrk_threads -c$connections -d$duration"
run "weibo.search_api page 1" "$base/api/container/getIndex?containerid=$container&page_type=searchall&page=1"
run "weibo.search_api page 30" "$base/api/container/getIndex?containerid=$container&page_type=searchall&page=30"
run "weibo.search_html page 1" "$base/weibo?q=$kw&page=1" "SUB=bench"
run "douyin.search_api (signed)" "$base/aweme/v1/web/general/search/single/?$dy_query&a_bogus=$a_bogus" "sessionid=bench"
run "dianping.reviews_html p2" "$base/shop/k9AX5KRm7Fg5QOfG/review_all/p2" "dper=bench"
