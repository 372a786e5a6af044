#!/usr/bin/env bash
# Parity of `avcsift allow` with audit2allow 3.4 on one corpus log.
#
# Usage: rules_parity.sh AVCSIFT SHARED_DIR LOG_NAME MODE [POLICY_NAME]
#   MODE nopolicy: `allow --no-policy` must print exactly the rules that
#     audit2allow's own engine (python3-sepolgen) writes for the log without a
#     policy (sepolgen_nopolicy.py): every denial becomes a rule. The corpus's
#     expected files cannot serve here: audit2allow made them with a policy,
#     which drops denials whose contexts it rejects (all of
#     sepolgen-audit-txt's, so its expected file is empty). An empty reference
#     fails the test rather than agreeing with anything.
#   MODE policy: with -p, the rule lines (reasons included) must equal
#     audit2allow's, plus only rules marked as not defined in the policy;
#     rules-exceptions.txt lists where avcsift's reason differs on purpose.
#   POLICY_NAME: debian (default), fedora or fedora-container (corpus_policy.sh);
#     each policy has its own exceptions file (rules-exceptions.fedora.txt, ...).
# Exits 77 (skipped) when the shared corpus is absent, or in nopolicy mode
# when Debian's python3-sepolgen is not installed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
avcsift=$1 shared=$2 name=$3 mode=$4
# shellcheck source=corpus_policy.sh
source "$here/corpus_policy.sh"
# shellcheck source=te_filters.sh
source "$here/te_filters.sh"
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
    # Debian's own python3 (audit2allow's interpreter) has sepolgen.
    if ! /usr/bin/python3 -Esc 'import sepolgen' 2> /dev/null; then
      echo "SKIP: /usr/bin/python3 cannot import sepolgen (install python3-sepolgen)"; exit 77
    fi
    /usr/bin/python3 -Es "$here/sepolgen_nopolicy.py" "$log" > "$work/theirs.te"
    "$shared/tools/te-rules" "$work/theirs.te" | cut -d' ' -f1-5 | sort -u > "$work/theirs"
    if [[ ! -s $work/theirs ]]; then
      echo "$name: sepolgen wrote no rules for this log, so there is nothing to compare with"; exit 1
    fi
    "$avcsift" allow --no-policy "$log" > "$work/out.te"
    "$shared/tools/te-rules" "$work/out.te" | cut -d' ' -f1-5 | sort -u > "$work/mine"
    echo "$name: sepolgen without a policy $(wc -l < "$work/theirs") permission lines, avcsift $(wc -l < "$work/mine")"
    if ! diff -u --label sepolgen --label avcsift "$work/theirs" "$work/mine"; then exit 1; fi
    ;;
  policy)
    # Rules naming types the policy lacks stay live (audit2allow drops them): leave them out.
    "$avcsift" allow -p "$policy" "$log" > "$work/all.te"
    without_undefined_type_rules "$work/all.te" > "$work/out.te"
    "$shared/tools/te-rules" "$work/out.te" | grep -v ' NOTINPOLICY$' | sort -u > "$work/mine" || true
    sort -u "$expected" > "$work/theirs"
    # Drop the lines of rules listed as deliberate differences from both sides.
    sed 's/ *#.*//' "$here/rules-exceptions$variant.txt" | grep -v '^$' > "$work/exceptions" || true
    for side in mine theirs; do
      # (The exceptions are read with getline: with the usual NR == FNR idiom
      # an empty exceptions file would make every line an exception.)
      awk -v exceptions="$work/exceptions" 'BEGIN { while ((getline line < exceptions) > 0) skip[line] = 1 }
        !(($1" "$2" "$3" "$4" "$5) in skip)' "$work/$side" > "$work/$side.kept"
      mv "$work/$side.kept" "$work/$side"
    done
    notinpolicy=$("$shared/tools/te-rules" "$work/out.te" | grep -c ' NOTINPOLICY$' || true)
    # audit2allow printed nothing for some logs (sepolgen-audit-txt: the
    # policy rejects every context); then avcsift must have printed its rules
    # as ones the policy lacks, or the two outputs agree on nothing read at all.
    if [[ ! -s $work/theirs ]] && [[ -z $("$shared/tools/te-rules" "$work/all.te") ]]; then
      echo "$name: neither audit2allow's expected rules nor avcsift's output hold a rule: nothing was compared"
      exit 1
    fi
    echo "$name: audit2allow $(wc -l < "$work/theirs") rule lines, avcsift $(wc -l < "$work/mine") + $notinpolicy not in the policy ($(wc -l < "$work/exceptions") listed exceptions)"
    if ! diff -u "$work/theirs" "$work/mine"; then exit 1; fi
    ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
