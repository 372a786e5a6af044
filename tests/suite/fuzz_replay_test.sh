#!/usr/bin/env bash
# tests/fuzz/replay.sh fails on a directory without inputs, and every fuzz
# target of tests/fuzz/CMakeLists.txt has at least one regression input. The
# fuzz build replays them with the real fuzzers; here /bin/true stands in for
# a fuzzer, so only what the script decides is checked.
#
# Usage: fuzz_replay_test.sh SOURCE_DIR
set -euo pipefail
src=$1
replay=$src/tests/fuzz/replay.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

mkdir "$work/empty"
echo "Only a README." > "$work/empty/README.md"
for dir in "$work/empty" "$work/absent"; do
  if "$replay" /bin/true "$dir" > "$work/out" 2>&1; then
    echo "FAIL: replay of $dir passed:"; cat "$work/out"; status=1
  else
    echo "ok: replay of ${dir#"$work"/} fails: $(cat "$work/out")"
  fi
done

targets=$(sed -n 's/^foreach(target \(.*\))$/\1/p' "$src/tests/fuzz/CMakeLists.txt")
[[ -n $targets ]] || { echo "FAIL: no fuzz targets found in tests/fuzz/CMakeLists.txt"; exit 1; }
for target in $targets; do
  if "$replay" /bin/true "$src/testdata/fuzz-regressions/$target" > "$work/out" 2>&1; then
    echo "ok: $target: $(cat "$work/out")"
  else
    echo "FAIL: $target: $(cat "$work/out")"; status=1
  fi
done
exit $status
