#!/usr/bin/env python3
"""Clock skew between the hosts of an aggregator's log cuts no event.

    skew_test.py AVCSIFT GEN_LOG

For several seeds and host counts, bench/gen-log.py writes an aggregator's
log (--hosts: node= prefixes, clocks skewed by up to 5 s, records of up to
16 events arriving mixed) and its --keep-order twin (the same events, each
one's records together). avcsift must read both as the same events:
`allow --no-policy` prints the same rules, and `report --no-policy --format
json` the same findings (counts, first and last times, samples, hosts) from
the same number of events. libauparse alone ends every open event once a
record of any host 2 s newer arrives, so a host whose clock is ahead cut
other hosts' events in parts (EventGrouper's per-node rule prevents that).
"""
import json
import os
import subprocess
import sys
import tempfile


def run(avcsift, args, log):
    done = subprocess.run([avcsift, *args, log], capture_output=True, check=True)
    return done.stdout


def report(avcsift, log):
    doc = json.loads(run(avcsift, ["report", "--no-policy", "--format", "json"], log))
    # The input's name differs, and where a cycle of the timeline starts: at
    # the first event read, which the order the records arrive in decides.
    doc["summary"].pop("inputs", None)
    for cycle in doc.get("timeline", {}).get("cycles", []):
        for key in ("input", "start"):
            cycle.pop(key, None)
    return doc


def main():
    avcsift, gen_log = sys.argv[1], sys.argv[2]
    work = tempfile.TemporaryDirectory()
    failures = 0
    for seed in (1, 2, 3):
        for hosts in (20, 300):
            logs = {}
            for name, extra in (("mixed", []), ("keep-order", ["--keep-order"])):
                path = os.path.join(work.name, f"skew-{seed}-{hosts}-{name}.log")
                with open(path, "wb") as out:
                    subprocess.run([sys.executable, gen_log, "--hosts", str(hosts), "--size", "1M",
                                    "--seed", str(seed), *extra], stdout=out, check=True)
                logs[name] = path
            case = f"seed {seed}, {hosts} hosts"
            allow = [run(avcsift, ["allow", "--no-policy"], logs[n]) for n in ("mixed", "keep-order")]
            if allow[0] != allow[1] or not allow[0]:
                print(f"FAIL {case}: allow --no-policy differs between the mixed and the in-order log")
                failures += 1
            mixed, in_order = report(avcsift, logs["mixed"]), report(avcsift, logs["keep-order"])
            events = (mixed["summary"]["events"], in_order["summary"]["events"])
            if events[0] != events[1]:
                print(f"FAIL {case}: {events[0]} events in the mixed log, {events[1]} in order")
                failures += 1
            elif mixed != in_order:
                print(f"FAIL {case}: report --format json differs between the mixed and the in-order log")
                failures += 1
            else:
                print(f"ok   {case}: {events[0]} events, {len(mixed['findings'])} findings in both")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
