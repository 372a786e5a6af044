#!/usr/bin/env bash
# scripts/dev.sh in the order a newcomer types the README's commands: `demo`,
# then `test`, in a fresh copy of the source tree. `demo` configures build/
# with the tests switched off; `test` must switch them back on and find the
# Release tests (issue 12: it used to reuse the cache, and ctest found none).
#
# A second full build would double CI's build time, so both commands run with
# DEV_CONFIGURE_ONLY=1: the same package check and the same cmake configure
# calls as without it, then `test` lists the Release tests (ctest -N) instead
# of building them. Before building, each Catch2 binary is registered as one
# placeholder test, TARGET_NOT_BUILT-HASH; the script tests are listed by name.
#
# Usage: dev_script_test.sh SOURCE_DIR
set -euo pipefail
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset BUILD_DIR ASAN_BUILD_DIR FUZZ_BUILD_DIR

# A fresh clone: the source tree without build directories or git metadata.
clone=$work/avcsift
mkdir "$clone"
tar -C "$src" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$clone" -xf -

fail() { echo "FAIL: $*"; exit 1; }
cache=$clone/build/CMakeCache.txt

DEV_CONFIGURE_ONLY=1 "$clone/scripts/dev.sh" demo > "$work/demo.out" 2>&1 ||
  { cat "$work/demo.out"; fail "scripts/dev.sh demo failed"; }
# The starting point of the bug: demo leaves the tests switched off.
grep -qx 'AVCSIFT_BUILD_TESTS:BOOL=OFF' "$cache" || fail "demo did not configure build/ without tests"

DEV_CONFIGURE_ONLY=1 "$clone/scripts/dev.sh" test > "$work/test.out" 2>&1 ||
  { cat "$work/test.out"; fail "scripts/dev.sh test failed"; }
grep -qx 'AVCSIFT_BUILD_TESTS:BOOL=ON' "$cache" ||
  fail "after demo, test left AVCSIFT_BUILD_TESTS $(grep '^AVCSIFT_BUILD_TESTS:' "$cache")"

total=$(sed -n 's/^Total Tests: //p' "$work/test.out")
echo "scripts/dev.sh test after demo lists ${total:-no} tests"
[[ -n $total && $total -gt 0 ]] || { cat "$work/test.out"; fail "no Release test listed"; }
# Every kind of Release test is there: each Catch2 binary and the script tests.
for expected in 'cli_tests_NOT_BUILT' 'toolchain_tests_NOT_BUILT' 'unit_cli_NOT_BUILT' \
                'corpus: allow --no-policy rules equal' 'docs: avcsift.1 renders'; do
  grep -qF "$expected" "$work/test.out" || fail "no test '$expected' listed"
done
echo "PASS"
