#!/bin/bash
# avcsift merge of three reports of 10,000 rules each: wall time and peak RSS.
# A fleet log (gen-log.py --hosts 3000 --rules 10000 --size 200M) is split in
# three by host, each part reported as JSON, and the parts merged; the merge
# must equal the report of the whole log but for summary.inputs and
# timeline.cycles (checked with python3).
#   bench/merge-scale.sh                 # SIZE=200M HOSTS=3000 RULES=10000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
avcsift=${AVCSIFT:-$here/../build/src/avcsift}
size=${SIZE:-200M}
hosts=${HOSTS:-3000}
rules=${RULES:-10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

python3 "$here/gen-log.py" --hosts "$hosts" --rules "$rules" --size "$size" --keep-order --seed 1 > whole.log
# Records without node= are this machine's, as report counts them.
awk -v local="$(uname -n)" '{
  host = local
  if ($0 ~ /^node=/) host = substr($1, 6)
  k = 0
  for (i = 1; i <= length(host); i++) k = (k * 31 + index("0123456789abcdefghijklmnopqrstuvwxyz-", substr(host, i, 1))) % 3
  print > ("part" k ".log")
}' whole.log
for f in whole part0 part1 part2; do
  "$avcsift" report --no-policy -q --format json -o "$f.json" "$f.log"
done
ls -l ./*.log ./*.json | awk '{ printf "%-14s %6.1f MB\n", $NF, $5 / 1e6 }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2 3; do
  /usr/bin/time -v "$avcsift" merge -o merged.json --force part0.json part1.json part2.json 2> time.txt
  wall=$(grep 'Elapsed (wall clock)' time.txt | awk '{ print $NF }')
  rss=$(grep 'Maximum resident' time.txt | awk '{ print $NF }')
  echo "merge run $run: wall $wall, peak RSS $((rss / 1024)) MiB"
done
python3 - <<'PY'
import json
whole, merged = json.load(open("whole.json")), json.load(open("merged.json"))
for d in (whole, merged):
    d["summary"].pop("inputs"); d["timeline"].pop("cycles")
print("rules:", len(whole["aggregate"]["rules"]), "- merged equals whole:", whole == merged)
raise SystemExit(0 if whole == merged else 1)
PY
