#!/usr/bin/env bash
# fleet-scale.sh
#
# avcsift at an aggregator's scale (issue "Scale, measured in bench/"): the logs of
# up to 10,000 hosts (gen-log.py --hosts: interleaved events, the same serials on
# many hosts, skewed clocks, a quarter of the hosts in log_format = ENRICHED).
# Prints four tables and a summary:
#
#  1. throughput: `avcsift allow --no-policy` and `avcsift report --no-policy
#     --format json` on a single-host log and on a HOSTS-host log of the same size
#     and rule count, read from files; MB/s (10^6 bytes per wall second, and per
#     CPU second, which a loaded machine stretches less) and the fleet/single
#     ratio. Target: the fleet log within 15% of the single-host speed.
#  2. memory: peak RSS of allow and report reading HOSTS hosts and RULES rules of
#     each size in SIZES, streamed from the generator through a pipe (no file is
#     written, so 10G needs no disk), --no-policy. Target: flat (the largest peak
#     within 10% of the smallest) and under 96 MiB. The generator's own speed into
#     /dev/null is printed first, so a reader sees whether it limited the pipe.
#  3. the policy's fixed cost, apart: `avcsift report -p POLICY < /dev/null`,
#     peak RSS and median wall time, for Debian's and Fedora's policy of the
#     shared corpus (each skipped when absent).
#  4. watch lag: watch-replay.py feeds a generated live stream of WATCH_HOSTS
#     hosts into `avcsift watch --interval INTERVAL --no-policy` through a pipe at
#     RATE records a second for WATCH_SECONDS, with a marker denial every 1.7 s,
#     and prints whether the writer kept its schedule and the lag from a marker's
#     write to the first avcsift-report.json that holds it. Target: keeps up with
#     50,000 records/s.
#
# Environment (defaults take about 10 minutes on the 2-core build machine):
#   AVCSIFT        binary (default <repo>/build/src/avcsift)
#   SIZE           throughput logs, K/M/G suffixes (default 1G; two files in $TMPDIR)
#   SIZES          streamed sizes for the memory table (default "100M 1G"; the issue's
#                  full run is SIZES="100M 1G 10G": 10G took 12-15 minutes a command on the
#                  loaded 2-core machine, set by the generator)
#   HOSTS          hosts of the fleet logs (default 10000)
#   RULES          distinct rules (default 10000)
#   RUNS           runs per throughput command, median reported (default 3)
#   EMPTY_RUNS     runs of each empty-input policy command (default 5)
#   RATE           watch feed, records/s (default 50000)
#   WATCH_SECONDS  length of the feed (default 30)
#   WATCH_HOSTS    hosts in the feed (default HOSTS)
#   INTERVAL       watch --interval (default 1)
#   GEN_SIZE       how much the generator writes alone to time it (default 1G)
#   SECTIONS       which tables, any of "throughput memory policy watch" (default all)
#   AVCSIFT_SHARED_DIR  the shared corpus (default <repo>/../shared)
#
# Needs bash 5 (EPOCHREALTIME), python3, awk and /usr/bin/time (Debian package
# "time"). Exit status 1 when a target is missed. The load average is printed
# with each table: on a shared machine wall times stretch.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
avcsift=${AVCSIFT:-$repo/build/src/avcsift}
shared=${AVCSIFT_SHARED_DIR:-$repo/../shared}
size=${SIZE:-1G}
read -r -a sizes <<< "${SIZES:-100M 1G}"
hosts=${HOSTS:-10000}
rules=${RULES:-10000}
runs=${RUNS:-3}
empty_runs=${EMPTY_RUNS:-5}
rate=${RATE:-50000}
watch_seconds=${WATCH_SECONDS:-30}
watch_hosts=${WATCH_HOSTS:-$hosts}
interval=${INTERVAL:-1}
sections=${SECTIONS:-throughput memory policy watch}
limit_kib=$((96 * 1024))

die() { echo "$(basename "$0"): error: $*" >&2; exit 1; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
[[ -x $avcsift ]] || die "no avcsift binary at $avcsift (build it or set AVCSIFT)"
[[ $runs =~ ^[1-9][0-9]*$ && $empty_runs =~ ^[1-9][0-9]*$ ]] || die "RUNS and EMPTY_RUNS must be positive"

work=$(mktemp -d "${TMPDIR:-/tmp}/avcsift-fleet.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
summary=()
gen() { python3 "$here/gen-log.py" --rules "$rules" "$@"; }
load() { awk '{ print $1 "/" $2 "/" $3 }' /proc/loadavg; }
want() { [[ " $sections " == *" $1 "* ]]; }
# GNU time's figures from $work/time.txt: peak RSS in KiB, CPU seconds.
peak_kib() { awk '/Maximum resident set size/ { print $NF }' "$work/time.txt"; }
cpu_s() { awk '/User time|System time/ { s += $NF } END { printf "%.2f", s }' "$work/time.txt"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# size_bytes 1.5G: the bytes gen-log.py --size means (K, M, G, T are powers of 1024).
size_bytes() {
    awk -v s="$1" 'BEGIN { n = s + 0; u = toupper(substr(s, length(n "") + 1, 1))
        p = (u == "") ? 0 : index("KMGT", u); while (p-- > 0) n *= 1024; printf "%d", n }'
}
rate_of() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }'; }

# timed OUTVAR COMMAND... (stdin and stdout as given): runs under GNU time and
# puts the wall seconds, by the shell's microsecond clock, in OUTVAR.
timed() {
    local -n _wall=$1
    shift
    local t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$work/time.txt" "$@" 2> "$work/err.txt" \
        || { echo "failed: $* : $(head -c 300 "$work/err.txt")" >&2; status=1; }
    _wall=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
}

echo "avcsift fleet scale: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(load)"
echo "binary: $avcsift; hosts $hosts, rules $rules"

# --- 1. throughput: single host against the fleet, from files -------------------
if want throughput; then
    echo
    echo "== 1. throughput, $size logs of $rules rules read from files (median of $runs; load $(load))"
    gen --size "$size" > "$work/single.log"
    gen --size "$size" --hosts "$hosts" > "$work/fleet.log"
    printf "%-8s %-7s %8s %10s %9s %9s %11s %9s\n" command hosts MB "median s" "MB/s" "cpu s" "MB/cpu-s" "peak MiB"
    declare -A speed cspeed
    for cmd in allow report; do
        args=("$cmd" --no-policy)
        [[ $cmd == report ]] && args+=(--format json)
        declare -A walls=() cpus=() peaks=()
        for ((i = 0; i < runs; i++)); do
            # Alternate the two logs, so a change in the machine's load hits both.
            for log in single fleet; do
                timed wall "$avcsift" "${args[@]}" "$work/$log.log" > /dev/null
                walls[$log]+="$wall " cpus[$log]+="$(cpu_s) " peaks[$log]+="$(peak_kib) "
            done
        done
        for log in single fleet; do
            bytes=$(stat -c %s "$work/$log.log")
            w=$(tr ' ' '\n' <<< "${walls[$log]}" | grep . | median)
            c=$(tr ' ' '\n' <<< "${cpus[$log]}" | grep . | median)
            p=$(tr ' ' '\n' <<< "${peaks[$log]}" | grep . | sort -n | tail -1)
            speed[$cmd.$log]=$(rate_of "$bytes" "$w")
            cspeed[$cmd.$log]=$(rate_of "$bytes" "$c")
            h=$([[ $log == single ]] && echo 1 || echo "$hosts")
            printf "%-8s %-7s %8.0f %10.3f %9s %9.2f %11s %9s\n" "$cmd" "$h" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
                "$w" "${speed[$cmd.$log]}" "$c" "${cspeed[$cmd.$log]}" "$(mib "$p")"
            summary+=("$(printf "%-7s %-9s %-8s %-7s %9s %9s" "$h" "$size" file "$cmd" "${speed[$cmd.$log]}" "$(mib "$p")")")
        done
        ratio=$(awk -v f="${speed[$cmd.fleet]}" -v s="${speed[$cmd.single]}" 'BEGIN { printf "%.2f", (s > 0 ? f / s : 0) }')
        cratio=$(awk -v f="${cspeed[$cmd.fleet]}" -v s="${cspeed[$cmd.single]}" 'BEGIN { printf "%.2f", (s > 0 ? f / s : 0) }')
        verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.85) ? "ok" : "MISSED" }')
        echo "  $cmd: fleet/single $ratio in wall time, $cratio in CPU time (target >= 0.85): $verdict"
        [[ $verdict == ok ]] || status=1
    done
    rm -f "$work/single.log" "$work/fleet.log"
fi

# --- 2. memory: streamed logs of growing size ------------------------------------
if want memory; then
    echo
    gsize=${GEN_SIZE:-1G}
    timed wall python3 "$here/gen-log.py" --rules "$rules" --hosts "$hosts" --size "$gsize" > /dev/null
    gbytes=$(size_bytes "$gsize")
    echo "== 2. peak RSS, $hosts hosts and $rules rules streamed through a pipe, --no-policy (load $(load))"
    echo "   the generator alone: $gsize in ${wall} s = $(rate_of "$gbytes" "$wall") MB/s into /dev/null"
    printf "%-8s %-7s %10s %9s %9s  %s\n" command size "wall s" "MB/s" "peak MiB" load
    for cmd in allow report; do
        args=("$cmd" --no-policy)
        [[ $cmd == report ]] && args+=(--format json)
        min=0 max=0
        for s in "${sizes[@]}"; do
            bytes=$(size_bytes "$s")
            t0=$EPOCHREALTIME
            python3 "$here/gen-log.py" --rules "$rules" --hosts "$hosts" --size "$s" 2> /dev/null \
                | /usr/bin/time -v -o "$work/time.txt" "$avcsift" "${args[@]}" > /dev/null 2> "$work/err.txt" \
                || { echo "failed: $cmd $s: $(head -c 300 "$work/err.txt")" >&2; status=1; }
            wall=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
            rss=$(peak_kib)
            printf "%-8s %-7s %10.2f %9s %9s  %s\n" "$cmd" "$s" "$wall" "$(rate_of "$bytes" "$wall")" "$(mib "$rss")" "$(load)"
            summary+=("$(printf "%-7s %-9s %-8s %-7s %9s %9s" "$hosts" "$s" pipe "$cmd" "$(rate_of "$bytes" "$wall")" "$(mib "$rss")")")
            if [[ $min -eq 0 || $rss -lt $min ]]; then min=$rss; fi
            if [[ $rss -gt $max ]]; then max=$rss; fi
        done
        flat=$(awk -v a="$min" -v b="$max" 'BEGIN { print (b <= a * 1.10) ? "yes" : "no" }')
        under=$([[ $max -lt $limit_kib ]] && echo yes || echo no)
        echo "  $cmd: peak RSS $(mib "$min")-$(mib "$max") MiB; flat (within 10%): $flat; under 96 MiB: $under"
        [[ $flat == yes && $under == yes ]] || status=1
    done
fi

# --- 3. the policy's fixed cost ------------------------------------------------
if want policy; then
    echo
    echo "== 3. the policy's fixed cost: avcsift report -p POLICY < /dev/null (median of $empty_runs; load $(load))"
    printf "%-8s %10s %9s %9s\n" policy "median s" "cpu s" "peak MiB"
    for pair in debian="$shared/corpus/policy/debian-refpolicy-2.20221101.policy.33" \
                fedora="$shared/corpus/policy/fedora-targeted-41.24.policy.33"; do
        label=${pair%%=*} path=${pair#*=}
        if [[ ! -r $path ]]; then echo "$label: $path absent, skipped"; continue; fi
        empty_walls=() empty_cpus=() peak=0
        for ((i = 0; i < empty_runs; i++)); do
            timed wall "$avcsift" report -p "$path" --format json < /dev/null > /dev/null
            empty_walls+=("$wall") empty_cpus+=("$(cpu_s)")
            p=$(peak_kib); [[ $p -gt $peak ]] && peak=$p
        done
        printf "%-8s %10.3f %9.2f %9s\n" "$label" "$(printf '%s\n' "${empty_walls[@]}" | median)" \
            "$(printf '%s\n' "${empty_cpus[@]}" | median)" "$(mib "$peak")"
    done
fi

# --- 4. watch on a live feed -----------------------------------------------------
watch_line=
if want watch; then
    echo
    echo "== 4. watch: $rate records/s of $watch_hosts hosts for $watch_seconds s, --interval $interval (load $(load))"
    if python3 "$here/watch-replay.py" --avcsift "$avcsift" --rate "$rate" --duration "$watch_seconds" \
        --hosts "$watch_hosts" --rules "$rules" --interval "$interval" | tee "$work/watch.txt"; then :; else status=1; fi
    watch_line=$(awk '/^feed:/ { split($0, f, " = "); split(f[2], r, " "); got = r[1] }
                      /^lag:/ { sub(/^lag: /, ""); lag = $0 }
                      /^watch:/ { split($0, w, "peak RSS "); split(w[2], m, ","); rss = m[1] }
                      /^kept up:/ { kept = $3 }
                      END { printf "%s records/s got through (kept up: %s), peak RSS %s; lag: %s", got, kept, rss, lag }' "$work/watch.txt")
    echo "  load after: $(load)"
fi

echo
echo "== scale table ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(load))"
printf "%-7s %-9s %-8s %-7s %9s %9s\n" hosts input read command "MB/s" "peak MiB"
for row in "${summary[@]}"; do echo "$row"; done
[[ -n $watch_line ]] && echo "watch   $watch_hosts hosts, $rate records/s asked: $watch_line"
if [[ $status -eq 0 ]]; then echo "fleet scale: all targets met"; else echo "fleet scale: a target was missed (see above)"; fi
exit $status
