#!/usr/bin/env bash
# constant-memory.sh [SIZE...]
#
# Check that avcsift's memory is bounded by the number of distinct rules, not by the
# size of the log: pipe gen-log.py --rules 10000 logs of each SIZE (default 100M 1G
# 10G) into `avcsift allow` (and `avcsift report` when that subcommand exists), and
# print the peak resident memory of avcsift for each. The check passes when, per
# subcommand, the largest peak is within 10% of the smallest and all are under 64 MiB.
#
# Environment:
#   AVCSIFT   avcsift binary (default: <repo>/build/src/avcsift)
#   RULES     distinct rules in the generated logs (default 10000)
#   SEED      generator seed (default 1)
#   AVCSIFT_ARGS  extra arguments for avcsift, split at spaces (e.g. "--no-policy" or
#             "-p POLICY"); without them avcsift uses the machine's policy if it finds one
#
# Needs bash, /usr/bin/time (Debian package "time") and python3. Nothing is written
# to disk: the log streams through a pipe.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
avcsift=${AVCSIFT:-$repo/build/src/avcsift}
rules=${RULES:-10000}
seed=${SEED:-1}
read -r -a extra <<< "${AVCSIFT_ARGS:-}"
limit_kib=$((64 * 1024))

die() { echo "$(basename "$0"): error: $*" >&2; exit 1; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
[[ -x $avcsift ]] || die "no avcsift binary at $avcsift (build it or set AVCSIFT)"

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100M 1G 10G)

commands=(allow)
if "$avcsift" report /dev/null > /dev/null 2>&1; then
    commands+=(report)
else
    echo "note: this avcsift has no working 'report'; measuring 'allow' only" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=1

printf "%-8s %-8s %12s %10s %10s  %s\n" command size "peak RSS MiB" "wall s" "out lines" status
for cmd in "${commands[@]}"; do
    min=0 max=0
    for size in "${sizes[@]}"; do
        status=ok
        # Only avcsift runs under /usr/bin/time, so the generator's memory is not counted.
        if ! python3 "$here/gen-log.py" --size "$size" --rules "$rules" --seed "$seed" 2> /dev/null \
            | /usr/bin/time -v -o "$work/time.txt" "$avcsift" "$cmd" "${extra[@]}" > "$work/out.txt" 2> "$work/err.txt"; then
            status="failed: $(head -c 200 "$work/err.txt" | tr '\n' ' ')"
            pass=0
        fi
        rss=$(awk '/Maximum resident set size/ {print $NF}' "$work/time.txt")
        wall=$(awk '/Elapsed \(wall clock\) time/ {
                   n = split($NF, p, ":"); s = 0
                   for (j = 1; j <= n; j++) s = s * 60 + p[j]
                   print s }' "$work/time.txt")
        lines=$(wc -l < "$work/out.txt")
        printf "%-8s %-8s %12.1f %10.2f %10d  %s\n" "$cmd" "$size" "$(awk -v r="$rss" 'BEGIN {print r / 1024}')" "$wall" "$lines" "$status"
        if [[ $min -eq 0 || $rss -lt $min ]]; then min=$rss; fi
        if [[ $rss -gt $max ]]; then max=$rss; fi
    done
    within=$(awk -v a="$min" -v b="$max" 'BEGIN {print (b <= a * 1.10) ? "yes" : "no"}')
    under=$([[ $max -lt $limit_kib ]] && echo yes || echo no)
    echo "  $cmd: peak RSS from $((min / 1024)) to $((max / 1024)) MiB; within 10%: $within; under 64 MiB: $under"
    [[ $within == yes && $under == yes ]] || pass=0
done

if [[ $pass -eq 1 ]]; then
    echo "constant memory: PASS"
else
    echo "constant memory: FAIL"
    exit 1
fi
