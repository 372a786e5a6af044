#!/usr/bin/env bash
# avcsift started as audit2allow/audit2why against Debian's real tools, with
# the same options, on one corpus log: the normalized rules (tools/te-rules)
# and reasons (tools/why-reasons) must agree both ways, apart from what the
# other corpus tests already allow (rules marked as not defined in the policy,
# denials audit2why leaves out that avcsift marks NOTINPOLICY, the listed
# exceptions).
#
# The real tools are the reference, so they are checked too: one that exits
# non-zero (a Python traceback), or prints no rules or reasons where the
# corpus's expected files (made by the same tools) have some, fails the test
# instead of making every comparison agree with nothing.
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
# shellcheck source=te_filters.sh
source "$here/te_filters.sh"
corpus_policy "$shared" "${4:-debian}"
real_allow=/usr/bin/audit2allow real_why=/usr/bin/audit2why
expected_rules="$shared/corpus/expected/$name$variant.rules"
expected_reasons="$shared/corpus/expected/$name$variant.reasons"
if [[ ! -f $log || ! -f $expected_rules || ! -f $expected_reasons ]]; then
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
  without_undefined_type_rules "$1" > "$1.kept"
  "$shared/tools/te-rules" "$1.kept" | { grep -v ' NOTINPOLICY$' || true; } |
    awk -v exceptions="$work/rule-exceptions" 'BEGIN { while ((getline line < exceptions) > 0) skip[line] = 1 }
      !(("allow "$2" "$3" "$4" "$5) in skip)' | sort -u
}

status=0
# Each line: whether the real audit2allow may print no rules with these
# options on a log whose plain run prints some (-t and -l keep a subset that
# can be empty), then the options.
while read -r may_be_empty options; do
  # shellcheck disable=SC2086  # the options are words on purpose
  if ! "$real_allow" -p "$policy" -i "$log" $options > "$work/theirs.te" 2> "$work/theirs.err"; then
    echo "audit2allow $options: the real audit2allow failed, so there is nothing to compare with:"
    head -20 "$work/theirs.err"; status=1; continue
  fi
  # shellcheck disable=SC2086
  "$work/audit2allow" -p "$policy" -i "$log" $options > "$work/mine.te" 2> "$work/err" || {
    echo "audit2allow $options: avcsift failed:"; cat "$work/err"; status=1; continue; }
  rules "$work/theirs.te" > "$work/theirs.rules"
  rules "$work/mine.te" > "$work/mine.rules"
  if [[ $may_be_empty == no && -s $expected_rules && ! -s $work/theirs.rules ]]; then
    echo "audit2allow $options: the real audit2allow printed no rules, but $expected_rules has $(wc -l < "$expected_rules")"
    status=1; continue
  fi
  # Where audit2allow prints nothing on purpose (sepolgen-audit-txt: the
  # policy rejects every context), avcsift must have printed those rules as
  # ones the policy lacks; nothing on both sides compares nothing.
  if [[ -z $options && ! -s $work/theirs.rules && -z $("$shared/tools/te-rules" "$work/mine.te") ]]; then
    echo "audit2allow: neither tool printed a rule: nothing was compared"; status=1; continue
  fi
  if ! diff -u "$work/theirs.rules" "$work/mine.rules" > "$work/diff"; then
    echo "audit2allow $options: rules differ (--- audit2allow, +++ avcsift):"; cat "$work/diff"; status=1
  else
    echo "audit2allow $options: $(wc -l < "$work/mine.rules") rule lines agree"
  fi
done <<'OPTIONS'
no
no -D
no -m compatmod
yes -t httpd
no -r
yes -l
OPTIONS

if ! "$real_why" -p "$policy" -i "$log" > "$work/theirs.why" 2> "$work/theirs.err"; then
  echo "audit2why: the real audit2why failed, so there is nothing to compare with:"
  head -20 "$work/theirs.err"; exit 1
fi
"$work/audit2why" -p "$policy" -i "$log" > "$work/mine.why" 2> "$work/err" || {
  echo "audit2why: avcsift failed:"; cat "$work/err"; exit 1; }
"$shared/tools/why-reasons" "$work/theirs.why" | sort -u > "$work/theirs.reasons"
"$shared/tools/why-reasons" "$work/mine.why" | sort -u > "$work/mine.reasons"
if [[ -s $expected_reasons && ! -s $work/theirs.reasons ]]; then
  echo "audit2why: the real audit2why explained nothing, but $expected_reasons has $(wc -l < "$expected_reasons") reasons"
  exit 1
fi
if [[ ! -s $work/theirs.reasons && ! -s $work/mine.reasons ]]; then
  echo "audit2why: neither tool explained a denial: nothing was compared"; exit 1
fi
cut -d' ' -f1-5 "$work/theirs.reasons" | sort -u > "$work/their_keys"
# 1. Every denial audit2why explained has the same reason, or is a listed exception.
different=$(comm -23 "$work/theirs.reasons" "$work/mine.reasons" | cut -d' ' -f1-5 |
  grep -vxFf "$work/why-exceptions" || true)
# 2. Every reason avcsift gives is audit2why's too, a listed exception, or
# NOTINPOLICY for a denial audit2why left out (its policy rejects the contexts).
extra=$(comm -13 "$work/theirs.reasons" "$work/mine.reasons" | while read -r serial s t c p reason; do
  key="$serial $s $t $c $p"
  grep -qxF "$key" "$work/why-exceptions" && continue
  [[ $reason == NOTINPOLICY ]] && ! grep -qxF "$key" "$work/their_keys" && continue
  echo "$key $reason"
done)
if [[ -n $different ]]; then
  echo "audit2why: reasons differ for:"; echo "$different"; status=1
fi
if [[ -n $extra ]]; then
  echo "audit2why: reasons only avcsift gives:"; echo "$extra"; status=1
fi
if [[ -z $different && -z $extra ]]; then
  echo "audit2why: $(wc -l < "$work/theirs.reasons") reasons agree both ways"
fi
exit $status
