#!/usr/bin/env bash
# Parity of `avcsift allow` with audit2allow 3.4 on one corpus log.
#
# Usage: rules_parity.sh AVCSIFT SHARED_DIR LOG_NAME MODE [POLICY_NAME]
#   MODE nopolicy: without a policy avcsift cannot know which denials
#     audit2allow dropped because the policy rejects their contexts, so every
#     (source, target, class, permission) audit2allow printed must be in
#     avcsift's output; the extras are listed.
#   MODE policy: with -p, the rule lines (reasons included) must equal
#     audit2allow's, plus only rules marked as not defined in the policy;
#     rules-exceptions.txt lists where avcsift's reason differs on purpose.
#   POLICY_NAME: debian (default), fedora or fedora-container (corpus_policy.sh);
#     each policy has its own exceptions file (rules-exceptions.fedora.txt, ...).
# Exits 77 (skipped) when the shared corpus is absent.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
avcsift=$1 shared=$2 name=$3 mode=$4
# shellcheck source=corpus_policy.sh
source "$here/corpus_policy.sh"
corpus_policy "$shared" "${5:-debian}"
log="$shared/corpus/logs/$name.log"
expected="$shared/corpus/expected/$name$variant.rules"
if [[ ! -f $log || ! -f $expected ]]; then
  echo "SKIP: reference corpus not found under $shared (set -DAVCSIFT_SHARED_DIR)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case $mode in
  nopolicy)
    "$avcsift" allow --no-policy "$log" > "$work/out.te"
    "$shared/tools/te-rules" "$work/out.te" | cut -d' ' -f1-5 | sort -u > "$work/mine"
    cut -d' ' -f1-5 "$expected" | sort -u > "$work/theirs"
    missing=$(comm -13 "$work/mine" "$work/theirs")
    extra=$(comm -23 "$work/mine" "$work/theirs" | wc -l)
    echo "$name: audit2allow $(wc -l < "$work/theirs") permission lines, avcsift $(wc -l < "$work/mine"), $extra only in avcsift"
    if [[ -n $missing ]]; then
      echo "missing from avcsift's output:"; echo "$missing"; exit 1
    fi
    ;;
  policy)
    # Rules naming types the policy lacks stay live (audit2allow drops them): leave them out.
    "$avcsift" allow -p "$policy" "$log" | awk '/does not define type/ { drop = 1; next }
      drop && /^(allow|dontaudit)/ { drop = 0; next } { print }' > "$work/out.te"
    "$shared/tools/te-rules" "$work/out.te" | grep -v ' NOTINPOLICY$' | sort -u > "$work/mine" || true
    sort -u "$expected" > "$work/theirs"
    # Drop the lines of rules listed as deliberate differences from both sides.
    sed 's/ *#.*//' "$here/rules-exceptions$variant.txt" | grep -v '^$' > "$work/exceptions" || true
    for side in mine theirs; do
      awk 'NR == FNR { skip[$0] = 1; next } !(($1" "$2" "$3" "$4" "$5) in skip)' \
        "$work/exceptions" "$work/$side" > "$work/$side.kept"
      mv "$work/$side.kept" "$work/$side"
    done
    notinpolicy=$("$shared/tools/te-rules" "$work/out.te" | grep -c ' NOTINPOLICY$' || true)
    echo "$name: audit2allow $(wc -l < "$work/theirs") rule lines, avcsift $(wc -l < "$work/mine") + $notinpolicy not in the policy ($(wc -l < "$work/exceptions") listed exceptions)"
    if ! diff -u "$work/theirs" "$work/mine"; then exit 1; fi
    ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
