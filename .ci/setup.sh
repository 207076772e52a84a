#!/usr/bin/env bash
# One-command setup: install koubei's Debian packages (idempotent), configure and build.
#   .ci/setup.sh [PRESET]     PRESET is a configure preset of CMakePresets.json: release (default) or dev;
#                             "bench" is release plus the peers of bench/benchmark.py (wrk, Scrapy)
# Works as root; uses sudo otherwise. Set KOUBEI_SKIP_APT=1 to skip the package step.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
extra=()
if [ "$preset" = bench ]; then
  preset=release
  extra=(wrk python3-scrapy)
fi

packages=(
  build-essential cmake pkg-config ccache git
  libboost1.81-dev libcurl4-openssl-dev libgumbo-dev libsimdjson-dev libhiredis-dev libjemalloc-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev catch2
  python3 python3-jsonschema python3-prometheus-client redis-server tzdata
  libopencc-dev opencc libopencc-data
  libpq-dev postgresql
  libpsl-dev zlib1g-dev nginx openssl
  prometheus-cpp-dev
  "${extra[@]}"
)

if [ "${KOUBEI_SKIP_APT:-0}" != 1 ]; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ] || [ "${CI:-}" = true ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]:-(checking all)}" >&2
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
  fi
fi

cmake --preset "$preset"
cmake --build --preset "$preset" -j"$(nproc)"
