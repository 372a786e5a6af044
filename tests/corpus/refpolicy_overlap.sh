#!/usr/bin/env bash
# Overlap of `avcsift allow -R` interface calls with audit2allow -R's on one
# corpus log (expected/NAME.R.rules, made with Debian's headers and Debian's
# permission map /var/lib/sepolgen/perm_map).
#
# Usage: refpolicy_overlap.sh AVCSIFT SHARED_DIR LOG_NAME
# Prints, per permission map (the corpus copy, and Debian's when installed),
# how many of audit2allow's calls avcsift proposes too, and the calls only one
# of them proposes. Fails when, with the map audit2allow used, fewer than 95%
# of its calls are proposed, or with the corpus copy fewer than half; where
# audit2allow proposes none, when avcsift proposes any or prints no rule.
# Exits 77 (skipped) when the corpus or the interface headers are absent.
set -euo pipefail
avcsift=$1 shared=$2 name=$3
log="$shared/corpus/logs/$name.log"
expected="$shared/corpus/expected/$name.R.rules"
policy="$shared/corpus/policy/debian-refpolicy-2.20221101.policy.33"
corpus_map="$shared/corpus/policy/sepolgen-perm_map.txt"
headers=/usr/share/selinux/devel/include
if [[ ! -f $log || ! -f $expected ]]; then
  echo "SKIP: reference corpus not found under $shared (set -DAVCSIFT_SHARED_DIR)"
  exit 77
fi
if [[ ! -d $headers ]]; then
  echo "SKIP: $headers is absent (install selinux-policy-dev)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

grep '^call ' "$expected" | sort -u > "$work/theirs" || true
total=$(wc -l < "$work/theirs")
status=0
# overlap MAP LABEL MIN_PERCENT [OPTIONS...]
overlap() {
  local map=$1 label=$2 min=$3
  shift 3
  "$avcsift" allow -R "$@" --perm-map "$map" --cache-dir "$work/cache" -p "$policy" "$log" > "$work/out.te"
  compare "$label" "$min"
}
# compare LABEL MIN_PERCENT: $work/out.te against audit2allow's calls
compare() {
  local label=$1 min=$2
  "$shared/tools/te-rules" "$work/out.te" | grep '^call ' | sort -u > "$work/mine" || true
  local equal mine
  equal=$(comm -12 "$work/mine" "$work/theirs" | wc -l)
  mine=$(wc -l < "$work/mine")
  echo "$name ($label): $equal of $total audit2allow -R calls equal; avcsift proposes $mine calls"
  comm -13 "$work/mine" "$work/theirs" | sed 's/^call \([^ ]*\) \([^ ]*\).*/  only audit2allow: \1(\2)/'
  comm -23 "$work/mine" "$work/theirs" | sed 's/^call \([^ ]*\) \([^ ]*\).*/  only avcsift:    \1(\2)/'
  if (( total > 0 && equal * 100 < total * min )); then
    echo "FAIL: fewer than $min% of audit2allow's calls"
    status=1
  fi
  # audit2allow -R proposed no call (sepolgen-audit-txt: the policy rejects
  # every context): avcsift must propose none either, yet still print the
  # log's rules, or the comparison agreed on an unread log.
  if (( total == 0 )) && { (( mine > 0 )) || [[ -z $("$shared/tools/te-rules" "$work/out.te") ]]; }; then
    echo "FAIL: audit2allow -R proposes no call; avcsift proposes $mine, or printed no rule at all"
    status=1
  fi
}
overlap "$corpus_map" "corpus perm_map" 50
if [[ -f /var/lib/sepolgen/perm_map ]]; then
  overlap /var/lib/sepolgen/perm_map "Debian's perm_map, as audit2allow" 95
  overlap /var/lib/sepolgen/perm_map "Debian's perm_map, --one-parameter" 95 --one-parameter
  # avcsift as audit2allow, with audit2allow's own command line.
  ln -s "$(readlink -f "$avcsift")" "$work/audit2allow"
  XDG_CACHE_HOME=$work/cache "$work/audit2allow" -R -p "$policy" -i "$log" > "$work/out.te"
  compare "avcsift as audit2allow -R -p POLICY -i LOG" 95
fi
exit $status
