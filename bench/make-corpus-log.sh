#!/usr/bin/env bash
# make-corpus-log.sh OUT [MB]
#
# Build a benchmark log of about MB MiB (default 30) by repeating the real-world
# sepolgen-httpd.log from the shared corpus. Every copy gets fresh serial numbers and
# a later time range, so its events are new events rather than repeats that a parser
# could merge with the first copy. Lines without an audit(...) stamp are copied as
# they are.
#
# The corpus is found in $AVCSIFT_SHARED_DIR (default: ../shared next to the
# repository, i.e. <repo>/../shared). Only bash and python3 are needed.
set -euo pipefail

usage() {
    echo "usage: $(basename "$0") OUT [MB]" >&2
    echo "  builds OUT (about MB MiB, default 30) from copies of sepolgen-httpd.log" >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
out=$1
mb=${2:-30}
[[ $mb =~ ^[0-9]+$ && $mb -gt 0 ]] || usage

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shared=${AVCSIFT_SHARED_DIR:-$here/../../shared}
src=$shared/corpus/logs/sepolgen-httpd.log
if [[ ! -r $src ]]; then
    echo "$(basename "$0"): error: cannot read $src (set AVCSIFT_SHARED_DIR)" >&2
    exit 1
fi

mkdir -p "$(dirname "$out")"
tmp=$out.tmp.$$
trap 'rm -f "$tmp"' EXIT

python3 - "$src" "$tmp" "$mb" "$out" <<'EOF'
import re, sys

src, dst, mb, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
data = open(src, "rb").read()
stamp = re.compile(rb"audit\((\d+)\.(\d+):(\d+)\)")
found = stamp.findall(data)
secs = [int(s) for s, _, _ in found]
serials = [int(n) for _, _, n in found]
# Copy k adds k * serial_step to every serial and k * time_step to every second, so
# its events sort after, and never collide with, those of earlier copies.
serial_step = (max(serials) // 100000 + 1) * 100000
time_step = max(secs) - min(secs) + 3600
target = mb * 1024 * 1024
copies = max(1, -(-target // len(data)))
with open(dst, "wb") as out:
    for k in range(copies):
        if k == 0:
            out.write(data)
            continue
        ds, dn = k * time_step, k * serial_step
        out.write(stamp.sub(lambda m: b"audit(%d.%s:%d)" % (
            int(m.group(1)) + ds, m.group(2), int(m.group(3)) + dn), data))
print(f"{name}: {copies} copies of {src}, {copies * len(data) / 1048576:.1f} MiB",
      file=sys.stderr)
EOF
mv "$tmp" "$out"
trap - EXIT
