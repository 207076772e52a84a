#!/usr/bin/env bash
# Runs every parser fuzz target under libFuzzer (clang-14, ASan + UBSan) for SECONDS each, seeded
# with the platform's fixtures; new corpus entries stay in build/fuzz/corpus/, crashers in
# build/fuzz/crashes/. Prints the executions and findings per target.
#   .ci/fuzz.sh [SECONDS] [TARGET-REGEX]
# Needs clang-14 and libclang-rt-14-dev (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-40}"
only="${2:-.}"
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing=1
done
if [ "${missing:-0}" = 1 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q && $sudo apt-get install -y -q clang-14 libclang-rt-14-dev
fi
KOUBEI_SKIP_APT=1 .ci/setup.sh fuzz >/dev/null
mkdir -p build/fuzz/corpus build/fuzz/crashes
printf '%-32s %12s %10s %s\n' target execs exec/s result
for bin in build/fuzz/tests/fuzz/fuzz_*; do
  name=$(basename "$bin")
  [[ "$name" =~ $only ]] || continue
  platform=$(echo "$name" | sed -E 's/^fuzz_([a-z]+)_.*/\1/')
  corpus="build/fuzz/corpus/$name"
  mkdir -p "$corpus"
  log="build/fuzz/$name.log"
  set +e
  "$bin" "$corpus" "tests/fixtures/$platform" -max_total_time="$seconds" -max_len=262144 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="build/fuzz/crashes/$name-" -print_final_stats=1 \
    >"$log" 2>&1
  code=$?
  set -e
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
  result=$([ "$code" = 0 ] && echo "no findings" || echo "FINDING (exit $code, see $log)")
  printf '%-32s %12s %10s %s\n' "$name" "${execs:-?}" "${rate:-?}" "$result"
done
