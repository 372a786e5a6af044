#!/usr/bin/env bash
# compat_input_parity.sh compares audit2allow -d, -a and -b only inside a
# private mount namespace. Where it cannot make one, it must say so and exit
# 77 (ctest: Skipped), not exit 0 and count as a pass. This runs it where
# unshare -m is refused: as nobody when run as root (CI), else as the user.
#
# Usage: input_parity_skip_test.sh AVCSIFT SHARED_DIR TESTDATA_DIR SCRIPT
set -euo pipefail
avcsift=$1 shared=$2 testdata=$3 script=$4
if [[ ! -d $shared/corpus/policy ]]; then
  echo "SKIP: reference corpus not found under $shared"; exit 77
fi
as_other=()
if [[ $(id -u) -eq 0 ]]; then
  as_other=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if "${as_other[@]}" unshare -m true 2> /dev/null; then
  echo "SKIP: unshare -m works for $("${as_other[@]}" id -un) here, so the script would not skip"; exit 77
fi
status=0
output=$(cd /tmp && "${as_other[@]}" "$script" "$avcsift" "$shared" "$testdata" 2>&1) || status=$?
echo "$output"
if [[ $status -ne 77 ]]; then
  echo "FAIL: without a mount namespace the script exited $status, not 77 (skipped)"; exit 1
fi
if ! grep -q '^SKIP: audit2allow -d, -a and -b not compared: .*mount namespace' <<< "$output"; then
  echo "FAIL: the skip does not say that the mount namespace is missing"; exit 1
fi
echo "ok: skipped with a reason"
