#!/usr/bin/env bash
# html-report.sh [RULES]
#
# How big the HTML report of a log with RULES distinct rules (default 10000)
# is, how long avcsift takes to write it, and how long headless chromium
# takes to render it (load, run the report's script, lay out and paint a
# screenshot). Keeps the page and the screenshot in OUT for a look.
#
# Environment:
#   AVCSIFT       avcsift binary (default: <repo>/build/src/avcsift)
#   CHROMIUM      browser (default: /usr/bin/chromium)
#   SIZE          size of the generated log (default: 2 KB per rule)
#   OUT           directory for the log, page and screenshot (default: a temp dir, kept)
#   AVCSIFT_ARGS  extra arguments for avcsift (default "--no-policy")
#
# Needs bash, python3, /usr/bin/time (Debian package "time") and chromium.
# Every number comes from /usr/bin/time -v; nothing is timed by this script.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
avcsift=${AVCSIFT:-$repo/build/src/avcsift}
chromium=${CHROMIUM:-/usr/bin/chromium}
rules=${1:-10000}
size=${SIZE:-$((rules * 2))K}
out=${OUT:-$(mktemp -d /tmp/avcsift-html-bench.XXXXXX)}
read -r -a extra <<< "${AVCSIFT_ARGS:---no-policy}"

die() { echo "$(basename "$0"): error: $*" >&2; exit 1; }
[[ -x $avcsift ]] || die "no avcsift at $avcsift (build it, or set AVCSIFT)"
[[ -x $chromium ]] || die "no chromium at $chromium (apt-get install chromium)"
[[ -x /usr/bin/time ]] || die "no /usr/bin/time (apt-get install time)"
mkdir -p "$out"

# The elapsed wall clock and peak memory of a /usr/bin/time -v report.
measured() {
  awk -F': ' '/Elapsed \(wall clock\)/ {t=$2} /Maximum resident/ {m=$2} END {printf "%s s wall, %d MiB peak", t, m/1024}' "$1"
}

python3 "$here/gen-log.py" --rules "$rules" --size "$size" > "$out/audit.log"
echo "log:        $(du -h "$out/audit.log" | cut -f1) with $rules distinct rules"

/usr/bin/time -v -o "$out/avcsift.time" "$avcsift" report -q "${extra[@]}" --format html --force \
  -o "$out/report.html" "$out/audit.log" || [[ $? == 3 ]]
findings=$(grep -c '<article class="finding ' "$out/report.html" || true)
echo "report:     $(stat -c %s "$out/report.html") bytes ($(du -h "$out/report.html" | cut -f1)), $findings findings"
echo "avcsift:    $(measured "$out/avcsift.time")"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
browser=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
         --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars)
# An empty page first: chromium's own start-up, to subtract by eye.
echo '<!DOCTYPE html><title>empty</title>' > "$out/empty.html"
/usr/bin/time -v -o "$out/empty.time" "$chromium" "${browser[@]}" --dump-dom "file://$out/empty.html" > /dev/null 2>&1
echo "chromium:   empty page $(measured "$out/empty.time")"
/usr/bin/time -v -o "$out/dom.time" "$chromium" "${browser[@]}" --dump-dom "file://$out/report.html" \
  > "$out/dom.html" 2> /dev/null
echo "chromium:   report DOM (script ran) $(measured "$out/dom.time"), $(grep -c '<article class="finding ' "$out/dom.html") findings in it"
/usr/bin/time -v -o "$out/shot.time" "$chromium" "${browser[@]}" --window-size=1200,1800 \
  --screenshot="$out/report.png" "file://$out/report.html" > /dev/null 2>&1
echo "chromium:   report screenshot 1200x1800 $(measured "$out/shot.time")"
echo "kept in:    $out (report.html, report.png)"
