#!/usr/bin/env bash
# Parity of `avcsift why -p POLICY` with audit2why 3.4 on one corpus log:
# `tools/why-reasons` of both must agree on every denial audit2why explained.
# Denials audit2why left out (contexts its policy rejects) must be NOTINPOLICY
# in avcsift's output; exceptions where audit2why is believed wrong are listed
# in why-exceptions.txt (first five why-reasons columns, then '# why').
#
# Usage: why_parity.sh AVCSIFT SHARED_DIR LOG_NAME [POLICY_NAME]
# POLICY_NAME: debian (default), fedora or fedora-container (corpus_policy.sh),
# each with its own exceptions file (why-exceptions.fedora.txt, ...).
# Exits 77 (skipped) when the shared corpus is absent.
set -euo pipefail
avcsift=$1 shared=$2 name=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log="$shared/corpus/logs/$name.log"
# shellcheck source=corpus_policy.sh
source "$here/corpus_policy.sh"
corpus_policy "$shared" "${4:-debian}"
expected="$shared/corpus/expected/$name$variant.reasons"
if [[ ! -f $log || ! -f $expected ]]; then
  echo "SKIP: reference corpus not found under $shared (set -DAVCSIFT_SHARED_DIR)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$avcsift" why -p "$policy" "$log" > "$work/why.txt"
"$shared/tools/why-reasons" "$work/why.txt" | sort -u > "$work/mine"
sort -u "$expected" > "$work/theirs"
grep -v '^\s*#' "$here/why-exceptions$variant.txt" | sed 's/ *#.*//' | grep -v '^$' | sort -u > "$work/exceptions" || true

# Key = the first five columns (serial, source, target, class, permissions).
cut -d' ' -f1-5 "$work/theirs" | sort -u > "$work/their_keys"
# 1. Every denial audit2why explained gets the same reason (or is an exception).
mismatch=$(comm -23 "$work/theirs" "$work/mine" | while read -r serial s t c p reason; do
  key="$serial $s $t $c $p"
  grep -qxF "$key" "$work/exceptions" || echo "$key audit2why=$reason avcsift=$(grep -F "$key " "$work/mine" | awk '{print $6}' | paste -sd/)"
done)
# 2. Denials only avcsift printed must be ones the policy cannot judge.
extra=$(comm -23 "$work/mine" "$work/theirs" | while read -r serial s t c p reason; do
  key="$serial $s $t $c $p"
  grep -qxF "$key" "$work/their_keys" && continue
  [[ $reason == NOTINPOLICY ]] || echo "$key avcsift=$reason (audit2why printed nothing)"
done)
# audit2why explained nothing for some logs (sepolgen-audit-txt: the policy
# rejects every context); avcsift must then explain them as NOTINPOLICY
# (checked below), and saying nothing either agrees on nothing read at all.
if [[ ! -s $work/theirs && ! -s $work/mine ]]; then
  echo "$name: neither audit2why's expected reasons nor avcsift's output explain a denial: nothing was compared"
  exit 1
fi
echo "$name: audit2why explained $(wc -l < "$work/theirs") denials, avcsift $(wc -l < "$work/mine"), $(wc -l < "$work/exceptions") listed exceptions"
status=0
if [[ -n $mismatch ]]; then echo "different reasons:"; echo "$mismatch"; status=1; fi
if [[ -n $extra ]]; then echo "explained only by avcsift, not as NOTINPOLICY:"; echo "$extra"; status=1; fi
exit $status
