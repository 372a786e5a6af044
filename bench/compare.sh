#!/usr/bin/env bash
# compare.sh [POLICY...]
#
# Time avcsift against audit2allow/audit2why, each policy in turn, on two real-world
# inputs: a ~30 MiB log built from the shared corpus (make-corpus-log.sh) and the
# corpus log it is built from, sepolgen-httpd.log (3.2 MiB). Prints one table:
# median wall time over RUNS runs, throughput, peak resident memory and the speed-up
# over the reference tool run against the same policy on the same input, then the
# cost of an empty input (`avcsift why -p POLICY < /dev/null`: the policy load and
# start-up; "empty" through the policy cache, "empty-nocache" with
# --no-policy-cache) and which targets are met. The CPU time (user + system) of
# each command and its ratio are printed too: on a machine busy with other work the wall times
# stretch, the CPU times much less (avcsift runs up to three threads, so its CPU
# time exceeds its wall time on an idle machine, and the CPU ratio is the lower).
#
# POLICY defaults to the two policies of the shared corpus: Debian's refpolicy and
# Fedora's targeted policy (each skipped when absent). A name given as "label=path"
# sets the label shown in the table.
#
# Environment:
#   AVCSIFT             avcsift binary (default: <repo>/build/src/avcsift)
#   AVCSIFT_SHARED_DIR  shared corpus directory (default: <repo>/../shared)
#   AVCSIFT_BENCH_DIR   where the benchmark log is kept (default: $TMPDIR/avcsift-bench)
#   LOG_MB              size of the benchmark log in MiB (default 30)
#   RUNS                runs per command; the median is reported (default 3)
#   EMPTY_RUNS          runs of the empty-input command (default 11: it is short)
#   INPUTS              which inputs: "corpus httpd" (default), or one of them
#
# Commands per policy and input: avcsift allow -p POLICY, avcsift why -p POLICY,
# audit2allow -p POLICY -i LOG, audit2why -p POLICY -i LOG; once: cat LOG (reading
# the file) and a bare libauparse walk (auparse-walk.c, built here with cc when
# libauparse-dev is installed). Commands run one after the other, so a ratio compares
# runs minutes apart at most: on a busy machine, run it twice.
#
# Needs bash, /usr/bin/time (Debian package "time"), python3 and awk. Works from any
# directory: paths are resolved relative to this script.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${AVCSIFT_SHARED_DIR:-$repo/../shared}
avcsift=${AVCSIFT:-$repo/build/src/avcsift}
bench_dir=${AVCSIFT_BENCH_DIR:-${TMPDIR:-/tmp}/avcsift-bench}
log_mb=${LOG_MB:-30}
runs=${RUNS:-3}
empty_runs=${EMPTY_RUNS:-11}
inputs=${INPUTS:-corpus httpd}
corpus_log=$bench_dir/corpus-${log_mb}M.log
httpd_log=$shared/corpus/logs/sepolgen-httpd.log

die() { echo "$(basename "$0"): error: $*" >&2; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
[[ -x $avcsift ]] || die "no avcsift binary at $avcsift (build it or set AVCSIFT)"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
[[ $empty_runs =~ ^[1-9][0-9]*$ ]] || die "EMPTY_RUNS must be a positive number"

# The policies: label and path, in order.
labels=() paths=()
if [[ $# -eq 0 ]]; then
    for pair in debian="$shared/corpus/policy/debian-refpolicy-2.20221101.policy.33" \
                fedora="$shared/corpus/policy/fedora-targeted-41.24.policy.33"; do
        if [[ -r ${pair#*=} ]]; then
            labels+=("${pair%%=*}") paths+=("${pair#*=}")
        else
            echo "  policy ${pair#*=}: absent, skipped" >&2
        fi
    done
    [[ ${#paths[@]} -gt 0 ]] || die "no policy in $shared/corpus/policy (set AVCSIFT_SHARED_DIR or name one)"
else
    for arg in "$@"; do
        if [[ $arg == *=* ]]; then label=${arg%%=*} path=${arg#*=}; else label=$(basename "$arg") path=$arg; fi
        [[ -r $path ]] || die "cannot read policy $path"
        labels+=("$label") paths+=("$path")
    done
fi

# The inputs: label and path.
input_labels=() input_paths=()
for input in $inputs; do
    case $input in
    corpus)
        if [[ ! -s $corpus_log ]]; then
            AVCSIFT_SHARED_DIR=$shared "$here/make-corpus-log.sh" "$corpus_log" "$log_mb"
        fi
        input_labels+=("corpus-${log_mb}M") input_paths+=("$corpus_log") ;;
    httpd)
        [[ -r $httpd_log ]] || die "cannot read $httpd_log (set AVCSIFT_SHARED_DIR)"
        input_labels+=("sepolgen-httpd") input_paths+=("$httpd_log") ;;
    *) die "INPUTS takes corpus and httpd, not '$input'" ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure POLICY INPUT NAME N CMD...: run CMD N times (stdin from /dev/null, stdout
# discarded) under /usr/bin/time -v and append "POLICY INPUT NAME median_seconds
# median_rss_kb status median_cpu_seconds" to $work/results.
measure() {
    local policy=$1 input=$2 name=$3 n=$4; shift 4
    local i status=ok
    : > "$work/samples"
    local t0 t1
    for ((i = 0; i < n; i++)); do
        t0=$EPOCHREALTIME
        if ! /usr/bin/time -v -o "$work/time.txt" "$@" < /dev/null > /dev/null 2> "$work/stderr.txt"; then
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
            /User time \(seconds\)|System time \(seconds\)/ { cpu += $NF }
            END {
                if (secs < 1) secs = t1 - t0
                printf "%.3f %d %.2f\n", secs, rss, cpu
            }
        ' "$work/time.txt" >> "$work/samples"
    done
    # median of each column (runs are few, so sort twice)
    local t r c
    median_of() { awk -v c="$1" '{print $c}' "$work/samples" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
    t=$(median_of 1) r=$(median_of 2) c=$(median_of 3)
    echo "$policy $input $name $t $r $status $c" >> "$work/results"
    echo "  $policy $input $name: ${t}s, cpu ${c}s, $((r / 1024)) MiB peak ($status)" >&2
}

have_audit2allow=0 have_audit2why=0
command -v audit2allow > /dev/null && have_audit2allow=1
command -v audit2why > /dev/null && have_audit2why=1
[[ $have_audit2allow == 1 ]] || echo "  audit2allow: skipped (not installed: apt-get install policycoreutils-python-utils)" >&2
[[ $have_audit2why == 1 ]] || echo "  audit2why: skipped (not installed)" >&2

echo "policies: ${labels[*]}; inputs: ${input_labels[*]}; $runs runs each" >&2
: > "$work/results"
: > "$work/sizes"
for ((j = 0; j < ${#input_paths[@]}; j++)); do
    in=${input_labels[j]} log=${input_paths[j]}
    echo "$in $(wc -c < "$log")" >> "$work/sizes"
    measure - "$in" cat "$runs" cat "$log"
    # The parser's floor: a bare libauparse walk (auparse-walk.c), when it builds here.
    if [[ -x $work/auparse-walk ]] || cc -O2 "$here/auparse-walk.c" -lauparse -o "$work/auparse-walk" 2> /dev/null; then
        measure - "$in" auparse-walk "$runs" "$work/auparse-walk" "$log"
    fi
done
for ((k = 0; k < ${#paths[@]}; k++)); do
    pl=${labels[k]} policy=${paths[k]}
    # The first run on a policy writes its slim copy into the policy cache
    # (~/.cache/avcsift); "empty" measures the runs after it, "empty-nocache"
    # the same without the cache (the policy file read by libsepol every time).
    "$avcsift" why -q -p "$policy" < /dev/null > /dev/null 2>&1 || true
    measure "$pl" empty avcsift-why "$empty_runs" "$avcsift" why -p "$policy"
    measure "$pl" empty-nocache avcsift-why "$empty_runs" "$avcsift" why --no-policy-cache -p "$policy"
    for ((j = 0; j < ${#input_paths[@]}; j++)); do
        in=${input_labels[j]} log=${input_paths[j]}
        measure "$pl" "$in" avcsift-allow "$runs" "$avcsift" allow -p "$policy" "$log"
        measure "$pl" "$in" avcsift-why "$runs" "$avcsift" why -p "$policy" "$log"
        [[ $have_audit2allow == 0 ]] || measure "$pl" "$in" audit2allow "$runs" audit2allow -p "$policy" -i "$log"
        [[ $have_audit2why == 0 ]] || measure "$pl" "$in" audit2why "$runs" audit2why -p "$policy" -i "$log"
    done
done

echo
awk '
    FNR == NR { bytes[$1] = $2; next }
    {
        key = $1 SUBSEP $2 SUBSEP $3
        order[++n] = key; pol[n] = $1; inp[n] = $2; cmd[n] = $3
        secs[key] = $4; rss[key] = $5; status[key] = $6; cpu[key] = $7
    }
    function ratio(p, i, c, r,    a, b) {
        a = p SUBSEP i SUBSEP c; b = p SUBSEP i SUBSEP r
        if (!(a in secs) || !(b in secs) || secs[a] <= 0) return -1
        return secs[b] / secs[a]
    }
    function cpu_ratio(p, i, c, r,    a, b) {
        a = p SUBSEP i SUBSEP c; b = p SUBSEP i SUBSEP r
        if (!(a in cpu) || !(b in cpu) || cpu[a] <= 0) return -1
        return cpu[b] / cpu[a]
    }
    END {
        ref["avcsift-allow"] = "audit2allow"; ref["avcsift-why"] = "audit2why"
        printf "%-8s %-15s %-14s %9s %9s %9s %9s %14s %9s  %s\n", "policy", "input", "command",
            "median s", "MB/s", "cpu s", "peak MiB", "vs reference", "cpu vs", "status"
        for (k = 1; k <= n; k++) {
            key = order[k]; s = secs[key]
            mbs = "-"
            if (inp[k] in bytes) mbs = s > 0 ? sprintf("%.1f", bytes[inp[k]] / 1e6 / s) : "inf"
            vs = "-"; cvs = "-"
            if (cmd[k] in ref) {
                x = ratio(pol[k], inp[k], cmd[k], ref[cmd[k]])
                if (x > 0) vs = sprintf("%.1fx faster", x)
                x = cpu_ratio(pol[k], inp[k], cmd[k], ref[cmd[k]])
                if (x > 0) cvs = sprintf("%.1fx", x)
            }
            printf "%-8s %-15s %-14s %9.3f %9s %9.2f %9.1f %14s %9s  %s\n", pol[k], inp[k], cmd[k], s, mbs,
                cpu[key], rss[key] / 1024, vs, cvs, status[key]
        }
        print ""
        print "targets: allow and why >= 30x audit2allow/audit2why on every input and policy;"
        print "         allow >= 50x audit2allow with Debian'"'"'s policy; allow < 64 MiB peak;"
        print "         an empty input (the policy ready) in < 50 ms"
        for (k = 1; k <= n; k++) {
            if (!(cmd[k] in ref) || inp[k] == "empty") continue
            x = ratio(pol[k], inp[k], cmd[k], ref[cmd[k]])
            if (x < 0) continue
            goal = (cmd[k] == "avcsift-allow" && pol[k] == "debian") ? 50 : 30
            ok = x >= goal && status[order[k]] == "ok"
            if (cmd[k] == "avcsift-allow") ok = ok && rss[order[k]] < 64 * 1024
            printf "  %-8s %-15s %-14s %5.1fx (goal %dx) -> %s\n", pol[k], inp[k], cmd[k], x, goal,
                ok ? "met" : "NOT met"
        }
        for (k = 1; k <= n; k++) {
            if (inp[k] != "empty") continue
            s = secs[order[k]]
            printf "  %-8s %-15s %-14s %5.0f ms, %.1f MiB (goal < 50 ms) -> %s\n", pol[k], "empty",
                cmd[k], s * 1000, rss[order[k]] / 1024, s < 0.05 ? "met" : "NOT met"
        }
    }
' "$work/sizes" "$work/results"
