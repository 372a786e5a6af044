#!/usr/bin/env bash
# allow -R start-up: parsing the interface headers from scratch (--no-cache),
# starting from the on-disk cache, and sepolgen-ifgen on the same headers.
#
# Usage: bench/refpolicy-headers.sh [INCLUDE_DIR] [RUNS]
# The issue's target: parsing all headers under a second; sepolgen-ifgen takes
# about two to three seconds here.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
avcsift=${AVCSIFT:-$here/build/src/avcsift}
include=${1:-/usr/share/selinux/devel/include}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One denial, so the run is all start-up.
printf '%s\n' 'type=AVC msg=audit(1700000000.000:1): avc:  denied  { read } for  pid=1 comm="x" scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0' > "$work/one.log"

time_runs() {  # LABEL COMMAND...: median wall seconds of RUNS runs
  local label=$1
  shift
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
  done
  printf '%-40s median %s s\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}

time_runs "avcsift allow -R, headers from scratch" "$avcsift" allow -R --no-policy --no-cache --include-dir "$include" "$work/one.log"
"$avcsift" allow -R --no-policy --cache-dir "$work/cache" --include-dir "$include" "$work/one.log" > /dev/null 2>&1
time_runs "avcsift allow -R, from the cache" "$avcsift" allow -R --no-policy --cache-dir "$work/cache" --include-dir "$include" "$work/one.log"
"$avcsift" allow -R -v --no-policy --no-cache --include-dir "$include" "$work/one.log" 2>&1 >/dev/null | grep interfaces || true
if command -v sepolgen-ifgen > /dev/null; then
  time_runs "sepolgen-ifgen" sepolgen-ifgen -i "$include" -o "$work/interface_info"
  echo "sepolgen-ifgen: $(grep -c '^\[InterfaceVector' "$work/interface_info") interface vectors," \
       "$(grep -c '^\[InterfaceVector [^ ]* \$1:[a-z]* \]$' "$work/interface_info") with one parameter;" \
       "files it rejected: $(sepolgen-ifgen -i "$include" -o "$work/x" 2>&1 | grep -o '^/[^:]*' | sort -u | wc -l)"
fi
