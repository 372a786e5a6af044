#!/usr/bin/env bash
# .ci/check-results, the check CI makes of each ctest stage's JUnit XML: it
# passes a complete run and fails a run with a skipped test, a run with fewer
# tests than its floor, a run with a failed test, and a stage with no results.
#
# Usage: ci_check_test.sh SOURCE_DIR
set -euo pipefail
check=$1/.ci/check-results
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# junit FILE CASES...: a JUnit file as ctest 3.25 writes it; each case is
# pass, skip or fail.
junit() {
  local file=$1 n=0
  shift
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<testsuite name=\"avcsift\" tests=\"$#\">"
    for kind in "$@"; do
      n=$((n + 1))
      case $kind in
        pass) echo "<testcase name=\"t$n\" classname=\"t$n\" status=\"run\"><system-out/></testcase>" ;;
        skip) echo "<testcase name=\"t$n\" classname=\"t$n\" status=\"notrun\"><skipped message=\"SKIP_RETURN_CODE=77\"/></testcase>" ;;
        fail) echo "<testcase name=\"t$n\" classname=\"t$n\" status=\"fail\"><failure message=\"\"/></testcase>" ;;
      esac
    done
    echo '</testsuite>'
  } > "$file"
}

status=0
# expect STATUS WHAT ARGS...: .ci/check-results ARGS... exits with STATUS.
expect() {
  local want=$1 what=$2 got=0
  shift 2
  "$check" "$@" > "$work/out" 2>&1 || got=$?
  if [[ $got -ne $want ]]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$work/out"; status=1
  else
    echo "ok: $what: $(head -1 "$work/out")"
  fi
}

junit "$work/good.xml" pass pass pass
junit "$work/skip.xml" pass skip pass
junit "$work/fail.xml" pass fail pass
expect 0 "three tests passed, floor 3" release 3 "$work/good.xml"
expect 1 "three tests passed, floor 4" release 4 "$work/good.xml"
expect 1 "a skipped test" release 3 "$work/skip.xml"
expect 1 "a failed test" release 3 "$work/fail.xml"
expect 1 "no results file" release 3 "$work/absent.xml"
grep -q '^  t2$' <("$check" release 3 "$work/skip.xml" || true) || {
  echo "FAIL: the skipped test is not named"; status=1; }
exit $status
