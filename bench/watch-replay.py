#!/usr/bin/env python3
"""Replay a generated live feed into `avcsift watch` at a fixed rate and measure
how long a denial takes to show in the report it writes.

    watch-replay.py [--rate 50000] [--duration 30] [--hosts 10000] [--rules 10000]
                    [--interval 1] [--avcsift BIN] [-- EXTRA WATCH ARGS]

The feed is bench/gen-log.py's aggregator log with EOE records (as auditd hands
events to a plugin) and time stamps that start now and advance at the feed's rate
(--start, --pace), read through a pipe. This program writes it into the standard
input of `avcsift watch --output-dir DIR --interval N --no-policy` through a pipe,
a batch every few milliseconds, so that record k goes out at k / RATE seconds
after the start. A write blocks when watch does not read fast enough: then the
writer falls behind that schedule, and how far is the measure of whether watch
kept up.

Every --marker-every seconds (after a second of warm-up) it writes a marker: one
denial event (AVC, SYSCALL, EOE) stamped with the current time, whose source type
(markN_t) appears nowhere else. A second thread polls DIR/avcsift-report.json
every few milliseconds and, when the file changes, looks for the markers not seen
yet. The lag of a marker is the time from its write into the pipe to the first
report that holds it. At the end it prints the achieved input rate, how far behind
schedule the writer fell, the time it spent blocked, the lag (median, 90th
percentile, maximum) and watch's peak RSS and CPU time (from /usr/bin/time -v).

Only the Python standard library is used. Exit status: 0 when every marker showed
up, 1 otherwise.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TICK = 0.004  # seconds between batches: 200 records a batch at 50,000/s


def marker_event(k, now):
    """A denial of its own source type, stamped with the clock; three records."""
    stamp = "%d.%03d:%d" % (int(now), int(now * 1000) % 1000, 2_000_000_000 + k)
    ctx = f"system_u:system_r:mark{k}_t:s0"
    return (f"type=AVC msg=audit({stamp}): avc:  denied  {{ read }} for  pid=7 comm=\"marker\" "
            f"name=\"m{k}\" dev=\"sda1\" ino=7 scontext={ctx} "
            f"tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n"
            f"type=SYSCALL msg=audit({stamp}): arch=c000003e syscall=257 success=no exit=-13 "
            f"a0=ffffff9c a1=7f0000000007 a2=80000 a3=0 items=0 ppid=1 pid=7 auid=4294967295 "
            f"uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) "
            f"ses=4294967295 comm=\"marker\" exe=\"/usr/bin/marker\" subj={ctx} key=(null)\n"
            f"type=EOE msg=audit({stamp}): \n").encode()


class Poller(threading.Thread):
    """Watches the report file; notes when each marker first appears in it."""

    def __init__(self, outdir, markers):
        super().__init__(daemon=True)
        self.report = os.path.join(outdir, "avcsift-report.json")
        self.markers = markers  # k -> [written at, seen at]
        self.stop = threading.Event()
        self.writes = 0

    def run(self):
        last = None
        while not self.stop.is_set():
            try:
                st = os.stat(self.report)
            except FileNotFoundError:
                time.sleep(TICK)
                continue
            seen = time.monotonic()
            if (st.st_ino, st.st_mtime_ns) != last:
                last = (st.st_ino, st.st_mtime_ns)
                self.writes += 1
                try:
                    with open(self.report, "rb") as f:
                        data = f.read()
                except FileNotFoundError:
                    continue
                for k, times in list(self.markers.items()):
                    if times[1] is None and b"mark%d_t" % k in data:
                        times[1] = seen
            time.sleep(TICK)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rate", type=float, default=50000, help="records per second (default 50000)")
    ap.add_argument("--duration", type=float, default=30, help="seconds of feed (default 30)")
    ap.add_argument("--hosts", type=int, default=10000, help="hosts in the feed (default 10000)")
    ap.add_argument("--rules", type=int, default=10000, help="distinct rules (default 10000)")
    ap.add_argument("--interval", default="1", help="watch --interval (default 1)")
    ap.add_argument("--marker-every", type=float, default=1.7,
                    help="seconds between markers (default 1.7: not a multiple of the "
                         "interval, so markers fall at all points of it)")
    ap.add_argument("--avcsift", default=os.path.join(HERE, "..", "build", "src", "avcsift"))
    ap.add_argument("--keep", metavar="DIR", help="write watch's files here and keep them")
    ap.add_argument("extra", nargs="*", help="more arguments for avcsift watch (after --)")
    args = ap.parse_args()

    outdir = args.keep or tempfile.mkdtemp(prefix="avcsift-watch-")
    os.makedirs(outdir, exist_ok=True)
    timefile = os.path.join(outdir, "time.txt")
    start = int(time.time())
    gen = subprocess.Popen(
        [sys.executable, os.path.join(HERE, "gen-log.py"), "--hosts", str(args.hosts),
         "--rules", str(args.rules), "--eoe", "--pace", str(args.rate), "--start", str(start),
         "--size", "1T"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    watch = subprocess.Popen(
        ["/usr/bin/time", "-v", "-o", timefile, args.avcsift, "watch", "--output-dir", outdir,
         "--interval", args.interval, "--no-policy", "-q", *args.extra],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    pipe = watch.stdin.fileno()
    markers = {}
    poller = Poller(outdir, markers)
    poller.start()

    lines, pending = [], b""
    gen_wait = 0.0  # seconds spent waiting for the generator (its speed, not watch's)

    def refill(pending):
        nonlocal gen_wait
        g0 = time.monotonic()
        chunk = gen.stdout.read1(1 << 20)
        gen_wait += time.monotonic() - g0
        if not chunk:
            sys.exit("watch-replay.py: the generator stopped")
        chunk = pending + chunk
        cut = chunk.rfind(b"\n") + 1
        lines.extend(chunk[:cut].splitlines(keepends=True))
        return chunk[cut:]

    # The generator starts (builds its templates) before the clock does.
    while len(lines) < args.rate / 2:
        pending = refill(pending)
    gen_wait = 0.0
    sent = 0          # feed records written
    behind_max = 0.0  # how far the writer fell behind its schedule, at worst
    blocked = 0.0     # seconds spent in write()
    blocked_max = 0.0
    next_marker = 1.0
    t0 = time.monotonic()
    end = t0 + args.duration
    while True:
        now = time.monotonic()
        if now >= end:
            break
        due = int((now - t0) * args.rate)
        if due > sent:
            # At most a quarter second of feed a write: a writer that fell behind
            # catches up in steps, and the feed still ends on time.
            need = min(due - sent, max(1, int(args.rate / 4)))
            while len(lines) < need:
                pending = refill(pending)
            batch = b"".join(lines[:need])
            del lines[:need]
            if now - t0 >= next_marker:
                k = len(markers)
                batch += marker_event(k, time.time())
                next_marker += args.marker_every
                markers_at = time.monotonic()
            else:
                markers_at = None
            w0 = time.monotonic()
            view = memoryview(batch)
            while view:
                n = os.write(pipe, view)
                view = view[n:]
            w1 = time.monotonic()
            if markers_at is not None:
                markers[len(markers)] = [w1, None]
            # Behind schedule: the batch's last record was due at t0 + sent / rate.
            sent += need
            behind_max = max(behind_max, w1 - (t0 + sent / args.rate))
            blocked += w1 - w0
            blocked_max = max(blocked_max, w1 - w0)
        time.sleep(TICK)
    fed = time.monotonic() - t0

    # Wait for the markers still missing: up to two intervals and 10 s more.
    deadline = time.monotonic() + 2 * float(args.interval) + 10
    while time.monotonic() < deadline and any(t[1] is None for t in markers.values()):
        time.sleep(0.05)
    poller.stop.set()
    poller.join()
    gen.kill()
    gen.wait()
    watch.stdin.close()
    watch.wait()

    lags = sorted(t[1] - t[0] for t in markers.values() if t[1] is not None)
    missing = sum(1 for t in markers.values() if t[1] is None)
    info = {}
    with open(timefile) as f:
        for line in f:
            name, _, value = line.strip().rpartition(": ")
            info[name] = value
    rss = int(info.get("Maximum resident set size (kbytes)", "0")) / 1024
    cpu = float(info.get("User time (seconds)", "0")) + float(info.get("System time (seconds)", "0"))
    print(f"feed: {sent} records in {fed:.1f} s = {sent / fed:.0f} records/s "
          f"(asked {args.rate:.0f}), {args.hosts} hosts, {args.rules} rules")
    print(f"writer: at most {behind_max * 1000:.0f} ms behind schedule; blocked in write "
          f"{blocked:.2f} s in all, {blocked_max * 1000:.0f} ms at most; waited "
          f"{gen_wait:.2f} s for the generator")
    if lags:
        p90 = lags[min(len(lags) - 1, int(0.9 * len(lags)))]
        print(f"lag: {len(lags)} of {len(markers)} markers seen; median "
              f"{statistics.median(lags) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, "
              f"max {lags[-1] * 1000:.0f} ms (--interval {args.interval})")
    else:
        print(f"lag: none of {len(markers)} markers seen")
    print(f"report writes seen: {poller.writes} in {fed:.0f} s of feed")
    print(f"watch: peak RSS {rss:.1f} MiB, CPU {cpu:.1f} s ({cpu / fed * 100:.0f}% of one core), "
          f"exit status {watch.returncode}")
    kept_up = behind_max < 1.0
    print(f"kept up: {'yes' if kept_up else 'no'} (the writer fell at most "
          f"{behind_max:.2f} s behind its schedule; keeping up means under 1 s)")
    if not args.keep:
        shutil.rmtree(outdir, ignore_errors=True)
    return 0 if missing == 0 and kept_up and watch.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
