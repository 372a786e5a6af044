#!/usr/bin/env bash
# audit2allow's input options -l, -d, -a and -b: avcsift started as
# audit2allow against Debian's real one, on the same input, with the same
# Debian policy; the normalized rules (tools/te-rules) must agree.
#
# -l reads the file given with -i. -d and -a/-b cannot be pointed at a test
# input: sepolgen runs /bin/dmesg and /sbin/ausearch by absolute path, and
# ausearch reads /var/log/audit (from auditd.conf). So the script runs itself
# again in a private mount namespace (unshare -m, which needs root or user
# namespaces), where a script that prints a test log is bind-mounted over
# /usr/bin/dmesg and a directory of test logs over /var/log/audit; the host's
# files are never touched and the mounts vanish with the namespace.
#
# Every comparison expects rules: the real audit2allow failing or printing
# none fails the test, so a broken reference cannot agree with anything.
#
# Usage: compat_input_parity.sh AVCSIFT SHARED_DIR TESTDATA_DIR
# Exits 77 (skipped) without the corpus or Debian's audit2allow, and, after
# the -l -i comparisons passed, when -d, -a and -b cannot run here (no private
# mount namespace with bind mounts, no ausearch, no /var/log/audit): the
# message says which. CI runs as root, where they all run.
set -euo pipefail
avcsift=$1 shared=$2 testdata=$3
policy="$shared/corpus/policy/debian-refpolicy-2.20221101.policy.33"
real_allow=/usr/bin/audit2allow

# compare NAME OPTIONS...: Debian's audit2allow and avcsift's ($work/audit2allow)
# print the same rules, apart from those naming what the policy lacks.
compare() {
  local name=$1
  shift
  # ausearch reads standard input instead of the logs when it is a pipe:
  # </dev/null, as on a terminal.
  if ! "$real_allow" -p "$policy" "$@" > "$work/theirs.te" 2> "$work/theirs.err" < /dev/null; then
    echo "$name: the real audit2allow failed, so there is nothing to compare with:"
    head -20 "$work/theirs.err"; return 1
  fi
  "$work/audit2allow" -p "$policy" "$@" > "$work/mine.te" 2> "$work/err" < /dev/null || {
    echo "$name: avcsift failed:"; cat "$work/err"; return 1; }
  local theirs mine
  theirs=$("$shared/tools/te-rules" "$work/theirs.te" | grep -v ' NOTINPOLICY$' | sort -u || true)
  mine=$("$shared/tools/te-rules" "$work/mine.te" | grep -v ' NOTINPOLICY$' | sort -u || true)
  if [[ $theirs != "$mine" ]]; then
    echo "$name: rules differ (--- audit2allow, +++ avcsift):"
    diff -u <(echo "$theirs") <(echo "$mine") || true
    [[ -s $work/theirs.err ]] && { echo "audit2allow's stderr:"; head -5 "$work/theirs.err"; }
    return 1
  fi
  if [[ -z $theirs ]]; then
    echo "$name: both print no rules, but every input here holds denials: the comparison checked nothing"
    [[ -s $work/theirs.err ]] && { echo "audit2allow's stderr:"; head -5 "$work/theirs.err"; }
    return 1
  fi
  echo "$name: $(echo "$mine" | wc -l) rule lines agree"
}

if [[ ${4:-} != --inside ]]; then
  if [[ ! -f $policy ]]; then
    echo "SKIP: reference corpus not found under $shared"; exit 77
  fi
  if [[ ! -x $real_allow ]]; then
    echo "SKIP: Debian's audit2allow (policycoreutils-python-utils) is not installed"; exit 77
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  export COMPAT_WORK=$work
  ln -s "$(readlink -f "$avcsift")" "$work/audit2allow"
  status=0
  # -l with -i, the only input option that needs nothing of the system.
  # (Without -l, selinux-err.log's rules differ on purpose: audit2allow 3.4 does
  # not read the current SELINUX_ERR form; see the log's header.)
  compare "audit2allow -l -i selinux-err.log" -l -i "$testdata/audit-logs/selinux-err.log" || status=1
  compare "audit2allow -i policy-reloads.log" -i "$testdata/audit-logs/policy-reloads.log" || status=1
  compare "audit2allow -l -i policy-reloads.log" -l -i "$testdata/audit-logs/policy-reloads.log" || status=1
  # -d, -a and -b: what they need, checked before anything is mounted.
  why_not=
  if [[ ! -x /sbin/ausearch ]]; then
    why_not="/sbin/ausearch is missing (install auditd): audit2allow -a and -b run it"
  elif [[ ! -d /var/log/audit ]]; then
    why_not="/var/log/audit is missing (install auditd): the test logs are mounted over it"
  elif [[ ! -e /bin/dmesg ]]; then
    why_not="/bin/dmesg is missing (util-linux): audit2allow -d runs it"
  elif ! probe=$(unshare -m --propagation private mount --bind "$work" "$work" 2>&1); then
    why_not="no private mount namespace with bind mounts here (unshare -m needs root or user namespaces): ${probe:-unshare failed}"
  fi
  if [[ -n $why_not ]]; then
    (( status == 0 )) || exit $status
    echo "SKIP: audit2allow -d, -a and -b not compared: $why_not"
    exit 77
  fi
  unshare -m --propagation private "$0" "$avcsift" "$shared" "$testdata" --inside || status=1
  exit $status
fi

# Inside the private mount namespace.
work=$COMPAT_WORK
status=0

# -d: dmesg prints the kernel ring buffer of testdata/audit-logs/dmesg.log.
printf '#!/bin/sh\nexec cat %q\n' "$testdata/audit-logs/dmesg.log" > "$work/dmesg"
chmod 755 "$work/dmesg"
mount --bind "$work/dmesg" "$(readlink -f /bin/dmesg)"
compare "audit2allow -d" -d || status=1
compare "audit2allow -d -l" -d -l || status=1

# -a and -b: the logs under /var/log/audit, a rotated one included. Events are
# stamped around this boot, so that -b keeps only those after it.
boot=$(awk '$1 == "btime" { print $2 }' /proc/stat)
mkdir -p "$work/audit"
event() {  # event SECONDS SERIAL SOURCE TARGET CLASS PERM
  printf 'type=AVC msg=audit(%s.100:%s): avc:  denied  { %s } for  pid=700 comm="t" scontext=system_u:system_r:%s:s0 tcontext=system_u:object_r:%s:s0 tclass=%s permissive=0\n' \
    "$1" "$2" "$6" "$3" "$4" "$5"
  # ausearch drops an event whose SYSCALL record lacks the usual fields.
  printf 'type=SYSCALL msg=audit(%s.100:%s): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=7f6b2c01b7a0 a2=80000 a3=0 items=0 ppid=1 pid=700 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="t" exe="/usr/bin/t" subj=system_u:system_r:%s:s0 key=(null)\n' \
    "$1" "$2" "$3"
}
{
  event $((boot - 7200)) 10 httpd_t user_home_t file read
  event $((boot - 7100)) 11 named_t var_t file getattr
} > "$work/audit/audit.log.1"
{
  event $((boot - 3600)) 20 sshd_t user_home_t file read
  printf 'type=MAC_POLICY_LOAD msg=audit(%s.002:21): auid=0 ses=2 lsm=selinux res=1\n' $((boot - 3500))
  event $((boot - 3400)) 22 syslogd_t var_t file append
  event $((boot + 30)) 30 httpd_t user_tmp_t file write
  event $((boot + 40)) 31 logrotate_t var_t dir read
} > "$work/audit/audit.log"
chmod 600 "$work/audit/audit.log" "$work/audit/audit.log.1"
mount --bind "$work/audit" /var/log/audit
compare "audit2allow -a" -a || status=1
compare "audit2allow -a -l" -a -l || status=1
compare "audit2allow -b" -b || status=1
exit $status
