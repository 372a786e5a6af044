#!/usr/bin/env bash
# Replays every regression input of one fuzz target once (ctest -L fuzz):
#   replay.sh FUZZER DIR
# DIR is testdata/fuzz-regressions/<target>/. An absent or empty DIR fails: a
# replay of nothing checks nothing, and every target has at least one input.
set -euo pipefail
fuzzer=$1 dir=$2
inputs=()
if [[ -d $dir ]]; then
  while IFS= read -r -d '' file; do inputs+=("$file"); done \
    < <(find "$dir" -type f ! -name '*.md' -print0 | sort -z)
fi
if [[ ${#inputs[@]} -eq 0 ]]; then
  echo "FAIL: no regression inputs in $dir"
  exit 1
fi
echo "replaying ${#inputs[@]} inputs from $dir"
exec "$fuzzer" -timeout=10 -rss_limit_mb=2048 "${inputs[@]}"
