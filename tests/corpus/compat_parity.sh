#!/usr/bin/env bash
# avcsift started as audit2allow/audit2why against Debian's real tools, with
# the same options, on one corpus log: the normalized rules (tools/te-rules)
# and reasons (tools/why-reasons) must agree, apart from what the other
# corpus tests already allow (rules marked as not defined in the policy, the
# listed exceptions).
#
# Usage: compat_parity.sh AVCSIFT SHARED_DIR LOG_NAME [POLICY_NAME]
# POLICY_NAME: debian (default), fedora or fedora-container (corpus_policy.sh).
# Exits 77 (skipped) without the corpus or without Debian's audit2allow.
set -euo pipefail
avcsift=$1 shared=$2 name=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log="$shared/corpus/logs/$name.log"
# shellcheck source=corpus_policy.sh
source "$here/corpus_policy.sh"
corpus_policy "$shared" "${4:-debian}"
real_allow=/usr/bin/audit2allow real_why=/usr/bin/audit2why
if [[ ! -f $log ]]; then
  echo "SKIP: reference corpus not found under $shared"; exit 77
fi
if [[ ! -x $real_allow || ! -x $real_why ]]; then
  echo "SKIP: Debian's audit2allow/audit2why (policycoreutils-python-utils) are not installed"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$(readlink -f "$avcsift")" "$work/audit2allow"
ln -s "$(readlink -f "$avcsift")" "$work/audit2why"
sed 's/ *#.*//' "$here/rules-exceptions$variant.txt" | grep -v '^$' > "$work/rule-exceptions" || true
sed 's/ *#.*//' "$here/why-exceptions$variant.txt" | grep -v '^$' > "$work/why-exceptions" || true

# Rule lines, without those marked as not in the policy and the listed exceptions.
rules() {
  # avcsift keeps rules naming types the policy lacks live; audit2allow drops them.
  awk '/does not define type/ { drop = 1; next } drop && /^(allow|dontaudit)/ { drop = 0; next } { print }' "$1" > "$1.kept"
  "$shared/tools/te-rules" "$1.kept" | grep -v ' NOTINPOLICY$' |
    awk 'NR == FNR { skip[$0] = 1; next } !(("allow "$2" "$3" "$4" "$5) in skip)' "$work/rule-exceptions" - | sort -u
}

status=0
while IFS= read -r options; do
  # shellcheck disable=SC2086  # the options are words on purpose
  "$real_allow" -p "$policy" -i "$log" $options > "$work/theirs.te" 2> /dev/null || true
  # shellcheck disable=SC2086
  "$work/audit2allow" -p "$policy" -i "$log" $options > "$work/mine.te" 2> "$work/err" || {
    echo "audit2allow $options: avcsift failed:"; cat "$work/err"; status=1; continue; }
  if ! diff -u <(rules "$work/theirs.te") <(rules "$work/mine.te") > "$work/diff"; then
    echo "audit2allow $options: rules differ:"; cat "$work/diff"; status=1
  else
    echo "audit2allow $options: $(rules "$work/mine.te" | wc -l) rule lines agree"
  fi
done <<'OPTIONS'

-D
-m compatmod
-t httpd
-r
-l
OPTIONS

"$real_why" -p "$policy" -i "$log" > "$work/theirs.why" 2> /dev/null || true
"$work/audit2why" -p "$policy" -i "$log" > "$work/mine.why"
"$shared/tools/why-reasons" "$work/theirs.why" | sort -u > "$work/theirs.reasons"
"$shared/tools/why-reasons" "$work/mine.why" | sort -u > "$work/mine.reasons"
# Every denial audit2why explained has the same reason, or is a listed exception.
different=$(comm -23 "$work/theirs.reasons" "$work/mine.reasons" | cut -d' ' -f1-5 |
  grep -vxFf "$work/why-exceptions" || true)
if [[ -n $different ]]; then
  echo "audit2why: reasons differ for:"; echo "$different"; status=1
else
  echo "audit2why: $(wc -l < "$work/theirs.reasons") reasons agree"
fi
exit $status
