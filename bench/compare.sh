#!/usr/bin/env bash
# compare.sh [POLICY]
#
# Time avcsift against audit2allow/audit2why on a ~30 MiB log built from the shared
# corpus (make-corpus-log.sh), and print one table: median wall time over RUNS runs,
# throughput, peak resident memory, and the speed-up over the reference tool.
#
# Environment:
#   AVCSIFT             avcsift binary (default: <repo>/build/src/avcsift)
#   AVCSIFT_SHARED_DIR  shared corpus directory (default: <repo>/../shared)
#   AVCSIFT_BENCH_DIR   where the benchmark log is kept (default: $TMPDIR/avcsift-bench)
#   LOG_MB              size of the benchmark log in MiB (default 30)
#   RUNS                runs per command; the median is reported (default 3)
#
# Commands: cat LOG (reading the file), a bare libauparse walk (auparse-walk.c, built
# here with cc when libauparse-dev is installed), avcsift allow -p POLICY, avcsift
# why -p POLICY, audit2allow -p POLICY -i LOG and audit2why -p POLICY -i LOG.
#
# Needs bash, /usr/bin/time (Debian package "time"), python3 and awk. Works from any
# directory: paths are resolved relative to this script.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${AVCSIFT_SHARED_DIR:-$repo/../shared}
avcsift=${AVCSIFT:-$repo/build/src/avcsift}
policy=${1:-$shared/corpus/policy/debian-refpolicy-2.20221101.policy.33}
bench_dir=${AVCSIFT_BENCH_DIR:-${TMPDIR:-/tmp}/avcsift-bench}
log_mb=${LOG_MB:-30}
runs=${RUNS:-3}
log=$bench_dir/corpus-${log_mb}M.log

die() { echo "$(basename "$0"): error: $*" >&2; exit 1; }

[[ $# -le 1 ]] || { echo "usage: $(basename "$0") [POLICY]" >&2; exit 2; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
[[ -x $avcsift ]] || die "no avcsift binary at $avcsift (build it or set AVCSIFT)"
[[ -r $policy ]] || die "cannot read policy $policy"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"

if [[ ! -s $log ]]; then
    AVCSIFT_SHARED_DIR=$shared "$here/make-corpus-log.sh" "$log" "$log_mb"
fi
log_bytes=$(wc -c < "$log")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME CMD...: run CMD RUNS times (stdout discarded) under /usr/bin/time -v and
# append "NAME median_seconds median_rss_kb status" to $work/results.
measure() {
    local name=$1; shift
    local i status=ok
    : > "$work/samples"
    local t0 t1
    for ((i = 0; i < runs; i++)); do
        t0=$EPOCHREALTIME
        if ! /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt"; then
            status="failed(exit=$(awk '/Exit status:/ {print $NF}' "$work/time.txt"))"
        fi
        t1=$EPOCHREALTIME
        # GNU time prints the wall clock in hundredths of a second; below one second
        # the shell's microsecond clock (which adds time's own fork, ~1 ms) is used.
        awk -v t0="$t0" -v t1="$t1" '
            /Elapsed \(wall clock\) time/ {
                n = split($NF, p, ":"); s = 0
                for (j = 1; j <= n; j++) s = s * 60 + p[j]
                secs = s
            }
            /Maximum resident set size/ { rss = $NF }
            END {
                if (secs < 1) secs = t1 - t0
                printf "%.3f %d\n", secs, rss
            }
        ' "$work/time.txt" >> "$work/samples"
    done
    # median of each column (runs are few, so sort twice)
    local t r
    t=$(awk '{print $1}' "$work/samples" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    r=$(awk '{print $2}' "$work/samples" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    echo "$name $t $r $status" >> "$work/results"
    echo "  $name: ${t}s, $((r / 1024)) MiB peak ($status)" >&2
}

echo "log: $log ($((log_bytes / 1048576)) MiB), policy: $policy, $runs runs each" >&2
: > "$work/results"
measure cat cat "$log"
# The parser's floor: a bare libauparse walk (auparse-walk.c), when it builds here.
if cc -O2 "$here/auparse-walk.c" -lauparse -o "$work/auparse-walk" 2> /dev/null; then
    measure auparse-walk "$work/auparse-walk" "$log"
else
    echo "  auparse-walk: skipped (needs cc and libauparse-dev)" >&2
fi
measure avcsift-allow "$avcsift" allow -p "$policy" "$log"

# avcsift why: only once the subcommand exists (a usage error otherwise)
if "$avcsift" why -p "$policy" /dev/null > /dev/null 2>&1; then
    measure avcsift-why "$avcsift" why -p "$policy" "$log"
else
    echo "  avcsift-why: skipped (this avcsift has no working 'why')" >&2
fi

if command -v audit2allow > /dev/null; then
    measure audit2allow audit2allow -p "$policy" -i "$log"
else
    echo "  audit2allow: skipped (not installed: apt-get install policycoreutils-python-utils)" >&2
fi
if command -v audit2why > /dev/null; then
    measure audit2why audit2why -p "$policy" -i "$log"
else
    echo "  audit2why: skipped (not installed)" >&2
fi

echo
awk -v bytes="$log_bytes" '
    { name[NR] = $1; secs[$1] = $2; rss[$1] = $3; status[$1] = $4 }
    END {
        ref["avcsift-allow"] = "audit2allow"; ref["avcsift-why"] = "audit2why"
        printf "%-15s %10s %10s %12s %14s  %s\n", "command", "median s", "MB/s", "peak RSS MiB", "vs reference", "status"
        for (i = 1; i <= NR; i++) {
            n = name[i]; s = secs[n]
            mbs = s > 0 ? sprintf("%.1f", bytes / 1e6 / s) : "inf"
            vs = "-"
            if ((n in ref) && (ref[n] in secs) && s > 0)
                vs = sprintf("%.1fx faster", secs[ref[n]] / s)
            printf "%-15s %10.3f %10s %12.1f %14s  %s\n", n, s, mbs, rss[n] / 1024, vs, status[n]
        }
        print ""
        print "targets: avcsift allow >= 30x audit2allow and < 64 MB peak RSS; avcsift why >= 30x audit2why;"
        print "         avcsift allow >= 50x audit2allow and within 1.5x of the bare libauparse walk"
        if (("avcsift-allow" in secs) && ("audit2allow" in secs) && secs["avcsift-allow"] > 0) {
            x = secs["audit2allow"] / secs["avcsift-allow"]
            printf "  allow: %.1fx, %.1f MiB -> %s\n", x, rss["avcsift-allow"] / 1024,
                (x >= 30 && rss["avcsift-allow"] < 64 * 1024 && status["avcsift-allow"] == "ok") ? "met" : "NOT met"
        }
        if (("avcsift-allow" in secs) && ("auparse-walk" in secs) && secs["auparse-walk"] > 0) {
            w = secs["avcsift-allow"] / secs["auparse-walk"]
            printf "  allow vs walk: %.2fx the walk'"'"'s time -> %s\n", w, (w <= 1.5) ? "met" : "NOT met"
        }
        if (("avcsift-allow" in secs) && ("audit2allow" in secs) && secs["avcsift-allow"] > 0) {
            x = secs["audit2allow"] / secs["avcsift-allow"]
            printf "  allow vs audit2allow: %.1fx -> %s\n", x, (x >= 50) ? "met (50x)" : "NOT met (50x)"
        }
        if (("avcsift-why" in secs) && ("audit2why" in secs) && secs["avcsift-why"] > 0) {
            x = secs["audit2why"] / secs["avcsift-why"]
            printf "  why:   %.1fx -> %s\n", x, (x >= 30 && status["avcsift-why"] == "ok") ? "met" : "NOT met"
        }
    }
' "$work/results"
