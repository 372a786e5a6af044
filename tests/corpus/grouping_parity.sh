#!/usr/bin/env bash
# The events avcsift reads from a corpus log are libauparse's: `why -p POLICY`
# prints the same text (its denials in libauparse's event order) and
# `report --format json` counts the same events as avcsift 03b4130, which let
# libauparse group records alone, before EventGrouper. The checksums of
# 03b4130's output are in grouping-03b4130.txt (LOG POLICY SHA256 EVENTS);
# `--record REF_AVCSIFT SHARED_DIR` prints them anew from a build of 03b4130
# (only the avcsift target: `ninja -C build avcsift`).
#
# Usage: grouping_parity.sh AVCSIFT SHARED_DIR LOG_NAME [POLICY_NAME]
# Exits 77 (skipped) when the shared corpus is absent.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=corpus_policy.sh
source "$here/corpus_policy.sh"

# LOG POLICY SHA256 EVENTS of one log and policy.
line_of() {
  local avcsift=$1 shared=$2 name=$3 policy_name=$4 sum events
  corpus_policy "$shared" "$policy_name"
  sum=$("$avcsift" why -p "$policy" "$shared/corpus/logs/$name.log" | sha256sum | cut -d' ' -f1)
  events=$("$avcsift" report --format json -p "$policy" "$shared/corpus/logs/$name.log" |
           python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["events"])')
  echo "$name $policy_name $sum $events"
}

if [[ $1 == --record ]]; then
  for log in "$3"/corpus/logs/*.log; do
    for policy_name in debian fedora fedora-container; do
      line_of "$2" "$3" "$(basename "$log" .log)" "$policy_name"
    done
  done
  exit 0
fi

avcsift=$1 shared=$2 name=$3 policy_name=${4:-debian}
if [[ ! -f $shared/corpus/logs/$name.log ]]; then
  echo "SKIP: reference corpus not found under $shared (set -DAVCSIFT_SHARED_DIR)"
  exit 77
fi
expected=$(grep "^$name $policy_name " "$here/grouping-03b4130.txt")
actual=$(line_of "$avcsift" "$shared" "$name" "$policy_name")
if [[ $actual != "$expected" ]]; then
  echo "why's text or the event count differ from 03b4130's (libauparse's grouping):"
  echo "  expected (LOG POLICY SHA256 EVENTS): $expected"
  echo "  actual:                              $actual"
  exit 1
fi
echo "why text and $(cut -d' ' -f4 <<<"$actual") events as libauparse grouped them"
