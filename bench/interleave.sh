#!/usr/bin/env bash
# interleave.sh [EVENTS] [HOSTS]
#
# Interleaved events cost linear time: writes two logs of the same EVENTS events
# (default 24000) with gen-log.py, one hostile (--interleave EVENTS: all first
# records, then all second records, ... within one second of log time) and one in
# order (--keep-order), and an aggregator's log of HOSTS hosts (default 1000;
# --hosts) next to the same events in order. Runs `avcsift allow --no-policy` on
# each under /usr/bin/time and prints wall time, CPU time (user + sys), MB/s and
# peak RSS, plus the bare
# libauparse walk (bench/auparse-walk.c, compiled here when cc is there) as the
# cost of letting libauparse group the records itself. Fails when an interleaved
# log's rules differ from its in-order twin's, or when the interleaved log takes
# more than 3 times the CPU time of the in-order one (quadratic grouping took
# 150x). CPU time, not wall time: on a loaded machine the wall time of a short
# run depends on the other processes more than on avcsift.
#
# Environment: AVCSIFT (default <repo>/build/src/avcsift), RULES (default 1000).
# Needs bash, python3 and /usr/bin/time (Debian package "time").
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
avcsift=${AVCSIFT:-$repo/build/src/avcsift}
rules=${RULES:-1000}
events=${1:-24000}
hosts=${2:-1000}

die() { echo "$(basename "$0"): error: $*" >&2; exit 1; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
[[ -x $avcsift ]] || die "no avcsift binary at $avcsift (build it or set AVCSIFT)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen() { python3 "$here/gen-log.py" --rules "$rules" "$@"; }
gen --interleave "$events" --size 1 > "$work/interleaved.log"
gen --interleave "$events" --size 1 --keep-order > "$work/in-order.log"
gen --hosts "$hosts" --size 50M > "$work/fleet.log"
gen --hosts "$hosts" --size 50M --keep-order > "$work/fleet-in-order.log"
gen --size 50M > "$work/single-host.log"

walk=
if command -v cc > /dev/null && cc -O2 "$here/auparse-walk.c" -lauparse -o "$work/auparse-walk" 2> /dev/null; then
    walk=$work/auparse-walk
fi

declare -A cpu
# time_run NAME LOG COMMAND...: prints one row and remembers the CPU time.
time_run() {
    local name=$1 log=$2
    shift 2
    /usr/bin/time -v -o "$work/time.txt" "$@" "$log" > "$work/$name.out" 2> "$work/err.txt" \
        || die "$name failed: $(head -c 300 "$work/err.txt")"
    local wall rss bytes
    wall=$(awk '/Elapsed \(wall clock\) time/ { n = split($NF, t, ":"); s = 0;
                for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")
    cpu[$name]=$(awk '/User time \(seconds\)|System time \(seconds\)/ { s += $NF } END { print s }' "$work/time.txt")
    rss=$(awk '/Maximum resident set size/ { printf "%.1f", $NF / 1024 }' "$work/time.txt")
    bytes=$(stat -c %s "$log")
    printf "%-26s %10s %8.2f %8.2f %9.1f %12s\n" "$name" "$(wc -l < "$log")" "$wall" "${cpu[$name]}" \
        "$(awk -v b="$bytes" -v s="$wall" 'BEGIN { print (s > 0 ? b / 1e6 / s : 0) }')" "$rss"
}

printf "%-26s %10s %8s %8s %9s %12s\n" run records "wall s" "CPU s" "MB/s" "peak RSS MiB"
time_run allow-in-order "$work/in-order.log" "$avcsift" allow --no-policy
time_run allow-interleaved "$work/interleaved.log" "$avcsift" allow --no-policy
time_run allow-single-host "$work/single-host.log" "$avcsift" allow --no-policy
time_run allow-fleet-in-order "$work/fleet-in-order.log" "$avcsift" allow --no-policy
time_run allow-fleet "$work/fleet.log" "$avcsift" allow --no-policy
if [[ -n $walk && ${WALK:-1} == 1 ]]; then
    time_run auparse-walk-in-order "$work/in-order.log" "$walk"
    time_run auparse-walk-interleaved "$work/interleaved.log" "$walk"
fi

status=0
cmp -s "$work/allow-in-order.out" "$work/allow-interleaved.out" \
    || { echo "FAIL: the interleaved log gives other rules than the same events in order"; status=1; }
cmp -s "$work/allow-fleet-in-order.out" "$work/allow-fleet.out" \
    || { echo "FAIL: the aggregator's log gives other rules than its events in order"; status=1; }
if awk -v a="${cpu[allow-interleaved]}" -v b="${cpu[allow-in-order]}" 'BEGIN { exit !(a > 3 * b + 0.5) }'; then
    echo "FAIL: interleaved events took more than 3 times the CPU time of the same events in order"
    status=1
fi
[[ $status == 0 ]] && echo "ok: same rules in every order; interleaving costs linear time"
exit $status
