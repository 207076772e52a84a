#!/usr/bin/env bash
# The HTTP engine benchmark end to end: Weibo search pages from ../shared/bench, nginx on a free
# loopback port (non-root: everything under a temp prefix), then koubei_http_bench (koubei's engine
# and wrk over the same URLs in the same run).
#   bench/http_bench.sh [BUILD_DIR] [IN_FLIGHT] [SECONDS]    defaults: build/release 64 10
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/release}"
in_flight="${2:-64}"
seconds="${3:-10}"
shared="${KOUBEI_SHARED_BENCH:-$root/../../shared/bench}"
[ -d "$shared" ] || shared=/work/shared/bench
bench="$build/bench/koubei_http_bench"
[ -x "$bench" ] || { echo "build $bench first (cmake --preset release && cmake --build --preset release --target koubei_http_bench)" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/koubei-http-bench-XXXXXX")"
chmod 755 "$tmp"  # nginx started by root serves as nobody
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${KOUBEI_BENCH_KEEP:-}" ] && trap - EXIT

python3 "$shared/make_weibo_pages.py" "$tmp/pages" --queries 100 --pages 50 >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$tmp/run"
# The template plus temp paths under the prefix, so nginx never needs /var/lib/nginx (non-root).
sed "s#@ROOT@#$tmp/pages#; s#@PORT@#$port#; s#@RUN@#$tmp/run#" "$shared/nginx.conf.template" |
  sed "s#^http {#http {\n  client_body_temp_path $tmp/run/body; proxy_temp_path $tmp/run/proxy;\n  fastcgi_temp_path $tmp/run/fcgi; uwsgi_temp_path $tmp/run/uwsgi; scgi_temp_path $tmp/run/scgi;#" \
  >"$tmp/nginx.conf"
nginx -p "$tmp/run" -c "$tmp/nginx.conf" -e "$tmp/run/nginx.err"
for _ in $(seq 100); do [ -s "$tmp/run/nginx.pid" ] && break; sleep 0.05; done
nginx_pid="$(cat "$tmp/run/nginx.pid")"

base="http://127.0.0.1:$port/api/container/getIndex"
for q in $(seq -f "%04g" 1 100); do
  for p in $(seq 1 50); do echo "$base?containerid=100103type%3D61%26q%3Dkw$q&page=$p"; done
done >"$tmp/urls.txt"
curl -sf "$(head -1 "$tmp/urls.txt")" | grep -q '"ok":1' || { echo "nginx does not serve the pages" >&2; exit 1; }

# wrk cycles through the same URL list (paths only; the host is on its command line).
cat >"$tmp/urls.lua" <<LUA
local paths = {}
for line in io.lines("$tmp/urls.txt") do paths[#paths + 1] = line:gsub("^http://[^/]+", "") end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

echo "pages: $(find "$tmp/pages" -name '*.json' | wc -l) files, $(du -sh "$tmp/pages" | cut -f1); nginx pid $nginx_pid port $port" >&2
${KOUBEI_BENCH_WRAP:-} "$bench" ${KOUBEI_BENCH_ARGS:-} --urls "$tmp/urls.txt" --in-flight "$in_flight" --seconds "$seconds" --wrk-script "$tmp/urls.lua"
