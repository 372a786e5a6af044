#!/usr/bin/env bash
# A short libFuzzer session for the test suite (ctest -L fuzz):
#   smoke.sh FUZZER WORK_CORPUS SECONDS SEED_DIR...
# Seeds are every *.log under the SEED_DIRs (testdata/audit-logs). New inputs
# go to WORK_CORPUS (in the build directory), which later runs reuse. A crash,
# leak, sanitizer report or failed check makes the test fail; libFuzzer
# writes the input as crash-*/leak-*/timeout-* in the build directory: copy it
# to testdata/fuzz-regressions/<target>/ with a name saying what broke.
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=$3
shift 3
seeds=$corpus-seeds
mkdir -p "$corpus" "$seeds"
for dir in "$@"; do
  find "$dir" -name '*.log' -type f -exec cp -f {} "$seeds/" \;
done
cd "$(dirname "$corpus")"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 "$corpus" "$seeds"
