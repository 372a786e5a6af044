#!/usr/bin/env python3
"""A fleet, for real: Debian's audisp-remote on three "hosts" sends their
records over TCP to Debian's auditd set up as an aggregator, which writes
them to its log and hands them to `avcsift watch` as its dispatcher plugin,
exactly as README.md's "Fleets" section and avcsift-watch(1) set it up.
avcsift must then read the aggregator's log and the plugin must keep its
files as avcsift reads the records straight from the testdata log.

    aggregator_test.py AVCSIFT TESTDATA_DIR

The hosts are testdata/audit-logs/raw.log split by node: its records without
node= are web1's (a sender whose auditd.conf has `name_format = user` and
`name = web1` writes them with `node=web1 `), its node=host1 and node=host2
records are those hosts'. Each sender is one audisp-remote fed on standard
input, as a sender's auditd feeds it (its dispatcher writes each record as
one line, node= included; audisp-remote itself drops EOE records and adds
nothing). Who writes node=: the SENDER. The aggregator writes a record that
came over the network verbatim (auditd 3.0.9, src/auditd.c distribute_event:
an event from the network is not formatted again), so its own name_format
names only its own records (DAEMON_START, DAEMON_ACCEPT, ...), and its
plugins see forwarded records only with `distribute_network = yes`.

Everything runs in private namespaces (unshare): a mount namespace, where
a test audisp-remote.conf is bind-mounted over /etc/audit/audisp-remote.conf
(audisp-remote reads no other path) and a test directory over /run (auditd
writes auditd.pid there), so no file of the machine is touched; a network
namespace, so the aggregator listens on the documented port 60 of a
loopback nobody else sees; and a PID namespace whose init is this script,
so nothing it started outlives it: the kernel kills them all when it exits
or when the outer timeout kills it. The aggregator has `local_events = no`:
it does not become the kernel's audit daemon (it still opens an audit
netlink socket, which needs a kernel with audit support).

Exits 77 (skipped) when not root, when auditd or audisp-remote (Debian's
auditd and audispd-plugins) is missing, when unshare cannot make the
namespaces, or when the kernel has no audit netlink socket; the message
says which. CI runs as root with both packages.
"""
import concurrent.futures
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import time

SKIP = 77
AUDITD = "/sbin/auditd"
AUDISP_REMOTE = "/sbin/audisp-remote"
PORT = 60  # audisp-remote.conf's default port; private to the network namespace.
UNSHARE = ["unshare", "--mount", "--net", "--pid", "--fork", "--kill-child", "--mount-proc",
           "--propagation", "private"]
OUTER_TIMEOUT = 150  # seconds for everything inside the namespaces

# The rules of each host in raw.log, as (source, target, class, permission).
EXPECTED = {
    "web1": {
        ("httpd_t", "user_home_t", "file", "getattr"), ("httpd_t", "user_home_t", "file", "read"),
        ("httpd_t", "user_tmp_t", "file", "read"), ("httpd_t", "user_tmp_t", "file", "write"),
        ("httpd_t", "http_port_t", "tcp_socket", "name_connect"),
        ("httpd_t", "user_devpts_t", "chr_file", "ioctl"),
        ("logrotate_t", "var_t", "dir", "open"), ("logrotate_t", "var_t", "dir", "read"),
        ("named_t", "named_zone_t", "dir", "add_name"), ("named_t", "named_zone_t", "dir", "write"),
        ("sshd_t", "user_home_t", "file", "read"),
    },
    "host1": {("mysqld_t", "mysqld_db_t", "file", "ioctl"), ("syslogd_t", "var_t", "file", "append")},
    "host2": {("postgresql_t", "tmp_t", "dir", "write")},
}
AGGREGATOR = "aggregator"

# The aggregator's /etc/audit/auditd.conf, as README.md's "Fleets" section
# has it, plus what a test needs: its own log and plugin paths, no kernel
# events, no tcp_wrappers (hosts.allow is the machine's), several senders
# from one address (all three are 127.0.0.1), a flush per record, and no
# disk-space action that could stop logging on a nearly full /tmp.
AUDITD_CONF = """\
local_events = no
write_logs = yes
log_file = {log}
log_group = root
log_format = ENRICHED
flush = INCREMENTAL_ASYNC
freq = 1
max_log_file = 8
max_log_file_action = ignore
space_left = 2
space_left_action = ignore
admin_space_left = 1
admin_space_left_action = ignore
disk_full_action = ignore
disk_error_action = ignore
name_format = user
name = {name}
tcp_listen_port = {port}
tcp_listen_queue = 5
tcp_max_per_addr = 8
use_libwrap = no
transport = TCP
distribute_network = yes
plugin_dir = {plugins}
"""

# The aggregator's /etc/audit/plugins.d/avcsift.conf (plugins.d/avcsift.conf
# with active = yes). auditd 3.0 splits `args` at spaces into at most two
# arguments: --output-dir=DIR stays one word.
PLUGIN_CONF = """\
active = yes
direction = out
path = {avcsift}
type = always
args = watch --output-dir={watch}
format = string
"""

# Each sender's /etc/audit/audisp-remote.conf: the documented one, plus stop
# (exit) on a network failure instead of retrying, so that a broken
# aggregator fails the test at once; startup_failure_action keeps its
# default (warn_once_continue): the records stay queued and audisp-remote
# exits with status 1 at the end of its input.
REMOTE_CONF = """\
remote_server = 127.0.0.1
port = {port}
transport = tcp
mode = immediate
format = managed
network_failure_action = stop
remote_ending_action = stop
"""


class Failure(Exception):
    """What went wrong, said once at the end."""


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)


def run(args):
    return subprocess.run(args, capture_output=True, timeout=60)


def avcsift_out(avcsift, *args):
    """avcsift's standard output; it must succeed."""
    done = run([avcsift, *args])
    if done.returncode != 0:
        raise Failure(f"avcsift {' '.join(args)} exited {done.returncode}: {done.stderr.decode()}")
    return done.stdout.decode()


AV_RULE = re.compile(r"^allow\s+(\S+)\s+(\S+?):(\S+)\s+(.*?)\s*;", re.M)


def rules_of_te(text):
    """The (source, target, class, permission) statements of a .te text."""
    return {(s, s if t == "self" else t, c, p)
            for s, t, c, perms in AV_RULE.findall(text) for p in perms.strip("{} ").split()}


def rules_of_report(report):
    """The same statements from `report --format json` findings."""
    return {(f["source_type"], f["target_type"], f["class"], p)
            for f in report["findings"] if f["kind"] == "denial" for p in f["permissions"]}


def sender_inputs(testdata):
    """raw.log's records per host, as each host's dispatcher writes them."""
    inputs = {node: [] for node in EXPECTED}
    with open(os.path.join(testdata, "audit-logs", "raw.log"), "rb") as log:
        for line in log:
            if line.startswith(b"#") or not line.strip():
                continue
            node = re.match(rb"node=(\S+) ", line)
            name = node.group(1).decode() if node else "web1"
            inputs[name].append(line if node else b"node=web1 " + line)
    return inputs


def loopback_up():
    """A new network namespace's lo is down: SIOCSIFFLAGS IFF_UP, as `ip link set lo up`."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sh14x", b"lo", 0)
        flags = struct.unpack("16sh14x", fcntl.ioctl(sock, siocgifflags, request))[1]
        fcntl.ioctl(sock, siocsifflags, struct.pack("16sh14x", b"lo", flags | iff_up))


def listening(port):
    """True when a socket listens on `port` (state 0A in /proc/net/tcp*)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    return True
    return False


def children_of(pid):
    """The pids whose parent is `pid` (this PID namespace's /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    # The command name may hold spaces: the fields follow its ')'.
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


def unread_bytes(pid):
    """What waits unread in the pipe on `pid`'s standard input."""
    try:
        fd = os.open(f"/proc/{pid}/fd/0", os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return 0
    try:
        return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
    finally:
        os.close(fd)


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.05)


def foreground_diagnostics(config_dir):
    """auditd in the background reports to syslog (absent here); -f prints it."""
    try:
        done = subprocess.run([AUDITD, "-f", "-n", "-c", config_dir], capture_output=True, timeout=5)
        text = done.stdout + done.stderr
    except subprocess.TimeoutExpired as expired:
        text = (expired.stdout or b"") + (expired.stderr or b"")
    lines = [line for line in text.decode(errors="replace").splitlines() if "_parser called" not in line]
    return "\n".join(lines[-15:])


def set_up(work, avcsift):
    """The aggregator's files under `work` and the bind mounts; returns paths."""
    paths = {name: os.path.join(work, name) for name in ("aggregator", "plugins", "log", "watch", "run")}
    for path in paths.values():
        os.makedirs(path, mode=0o750)
    # auditd starts only a plugin binary owned by root with at least
    # rwxr-x---: a copy made here is, wherever the build tree is.
    paths["avcsift"] = os.path.join(work, "avcsift")
    shutil.copy(avcsift, paths["avcsift"])
    os.chmod(paths["avcsift"], 0o750)
    paths["log_file"] = os.path.join(paths["log"], "audit.log")
    files = {
        os.path.join(paths["aggregator"], "auditd.conf"): AUDITD_CONF.format(
            log=paths["log_file"], name=AGGREGATOR, port=PORT, plugins=paths["plugins"]),
        os.path.join(paths["plugins"], "avcsift.conf"): PLUGIN_CONF.format(
            avcsift=paths["avcsift"], watch=paths["watch"]),
        os.path.join(work, "audisp-remote.conf"): REMOTE_CONF.format(port=PORT),
    }
    for path, text in files.items():
        with open(path, "w") as out:
            out.write(text)
        os.chmod(path, 0o640)  # auditd and audisp-remote refuse files others may write
    for source, target in ((os.path.join(work, "audisp-remote.conf"), "/etc/audit/audisp-remote.conf"),
                           (paths["run"], "/run")):
        done = run(["mount", "--bind", source, target])
        if done.returncode != 0:
            raise Failure(f"mount --bind {source} {target}: {done.stderr.decode()}")
    return paths


def start_aggregator(paths):
    aggregator = subprocess.Popen([AUDITD, "-n", "-c", paths["aggregator"]],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: listening(PORT) or aggregator.poll() is not None, 20,
                   f"auditd to listen on port {PORT}")
    except Failure:
        aggregator.kill()
        raise
    if aggregator.poll() is not None:
        raise Failure(f"auditd exited {aggregator.returncode} before listening; in the foreground it says:\n"
                      + foreground_diagnostics(paths["aggregator"]))
    return aggregator


def send(inputs):
    """One audisp-remote per host, all at once; each must send everything."""
    def one(node):
        sender = subprocess.Popen([AUDISP_REMOTE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
        try:
            out, _ = sender.communicate(b"".join(inputs[node]), timeout=60)
        except subprocess.TimeoutExpired:
            sender.kill()
            sender.wait()
            return f"{node}: audisp-remote did not finish within 60 s"
        # It exits 1 when records are left in its queue (not acknowledged).
        if sender.returncode != 0:
            return f"{node}: audisp-remote exited {sender.returncode} {out.decode(errors='replace')}"
        return None

    with concurrent.futures.ThreadPoolExecutor(len(inputs)) as pool:
        problems = [p for p in pool.map(one, sorted(inputs)) if p]
    if problems:
        raise Failure("\n".join(problems))


def stop_aggregator(aggregator):
    """Stops auditd once its plugin has everything; waits for both to exit."""
    plugins = children_of(aggregator.pid)
    if not plugins:
        raise Failure("auditd started no plugin: avcsift.conf was refused")
    # auditd drops what its dispatcher still holds when it stops: let the
    # plugin's pipe drain first (the dispatcher writes a record within
    # microseconds of acknowledging it; the extra half second is margin).
    wait_until(lambda: all(unread_bytes(p) == 0 for p in plugins), 20, "the plugin to read its input")
    time.sleep(0.5)
    aggregator.send_signal(signal.SIGTERM)  # auditd passes it on to the plugin
    try:
        aggregator.wait(timeout=20)
    except subprocess.TimeoutExpired:
        aggregator.kill()
        raise Failure("auditd did not stop within 20 s of SIGTERM")

    # The plugin is reparented to this script (init of the PID namespace).
    def plugins_gone():
        try:
            while os.waitpid(-1, os.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            pass
        return not any(os.path.exists(f"/proc/{p}") for p in plugins)
    wait_until(plugins_gone, 30, "avcsift watch to make its last write and exit")


def check(avcsift, testdata, inputs, paths):
    """Every check runs; returns the list of what failed."""
    failed = []
    with open(paths["log_file"], "rb") as log:
        lines = log.read().splitlines(keepends=True)

    # What arrived is what was sent, byte for byte and in order per host.
    for node, sent in sorted(inputs.items()):
        got = [line for line in lines if line.startswith(f"node={node} ".encode())]
        if got != sent:
            failed.append(f"the aggregator logged {len(got)} records of {node}, not the {len(sent)} sent as sent")
    others = [line for line in lines if not re.match(rb"node=(web1|host1|host2|" + AGGREGATOR.encode() + rb") ", line)]
    if others:
        failed.append(f"records the senders did not send: {others[:3]}")

    log = paths["log_file"]
    raw = os.path.join(testdata, "audit-logs", "raw.log")
    everything = set().union(*EXPECTED.values())
    allow = avcsift_out(avcsift, "allow", "--no-policy", log)
    if rules_of_te(allow) != everything:
        failed.append(f"allow on the aggregator's log: {sorted(rules_of_te(allow) ^ everything)} differ")
    if allow != avcsift_out(avcsift, "allow", "--no-policy", raw):
        failed.append("allow on the aggregator's log differs from allow on raw.log")

    # The node names: each host's rules, found with --node.
    for node, expected in sorted({**EXPECTED, AGGREGATOR: set()}.items()):
        pattern = f"^{node}$"
        got = rules_of_te(avcsift_out(avcsift, "allow", "--no-policy", "--node", pattern, log))
        if got != expected:
            failed.append(f"allow --node {pattern}: {sorted(got ^ expected)} differ")
        report = json.loads(avcsift_out(avcsift, "report", "--no-policy", "--format", "json",
                                        "--node", pattern, log))
        if rules_of_report(report) != expected:
            failed.append(f"report --node {pattern}: {sorted(rules_of_report(report) ^ expected)} differ")
    # --by-node: each host's findings, and those only it has (here: all of
    # them, no two hosts share a source, target and class).
    report = json.loads(avcsift_out(avcsift, "report", "--no-policy", "--format", "json", "--by-node", log))
    keys = [(f["source_type"], f["target_type"], f["class"]) for f in report["findings"]]
    by_node = {e["node"]: e for e in report["by_node"] or []}
    for node, expected in sorted(EXPECTED.items()):
        want = {(s, t, c) for s, t, c, _ in expected}
        entry = by_node.get(node, {"findings": [], "only_here": []})
        if {keys[i] for i in entry["findings"]} != want or {keys[i] for i in entry["only_here"]} != want:
            failed.append(f"report --by-node: {node} has {sorted(keys[i] for i in entry['findings'])}, "
                          f"only here {sorted(keys[i] for i in entry['only_here'])}, not {sorted(want)}")
    if sorted(by_node) != sorted(EXPECTED):
        failed.append(f"report --by-node: hosts {sorted(by_node)}, not {sorted(EXPECTED)}")
    why = json.loads(avcsift_out(avcsift, "why", "--no-policy", "--format", "json", log))
    nodes = sorted({re.match(r"node=(\S+) ", d["record"]).group(1) if d["record"].startswith("node=") else ""
                    for d in why["denials"]})
    if nodes != ["host1", "host2", "web1"] or why["summary"]["denials"] != 13:
        failed.append(f"why: {why['summary']['denials']} denials of nodes {nodes}, "
                      "not 13 of host1, host2, web1")

    # The aggregator's plugin: its files are what allow and report make of
    # the log, with the same policy (none given: the system's, if any).
    try:
        with open(os.path.join(paths["watch"], "avcsift.te")) as te:
            watched = te.read()
        with open(os.path.join(paths["watch"], "avcsift-report.json")) as js:
            watched_report = json.load(js)
    except OSError as error:
        return failed + [f"the plugin's files: {error}"]
    if watched != avcsift_out(avcsift, "allow", log):
        failed.append("the plugin's avcsift.te differs from allow on the aggregator's log:\n" + watched)
    report = json.loads(avcsift_out(avcsift, "report", "--format", "json", log))
    if rules_of_report(watched_report) != everything or rules_of_report(report) != everything or \
            watched_report["summary"]["denials"] != report["summary"]["denials"]:
        failed.append(f"the plugin's report: {watched_report['summary']['denials']} denials, "
                      f"{sorted(rules_of_report(watched_report) ^ everything)} differ from raw.log's rules")
    return failed


def inside(avcsift, testdata):
    loopback_up()
    try:
        socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 9).close()  # 9: NETLINK_AUDIT
    except OSError as error:
        skip(f"no audit netlink socket here, which auditd opens even with local_events = no: {error}")
    work = tempfile.mkdtemp(prefix="avcsift-fleet-")
    aggregator = None
    try:
        paths = set_up(work, avcsift)
        inputs = sender_inputs(testdata)
        aggregator = start_aggregator(paths)
        send(inputs)
        stop_aggregator(aggregator)
        failed = check(avcsift, testdata, inputs, paths)
    except Failure as failure:
        failed = [str(failure)]
    finally:
        if aggregator is not None and aggregator.poll() is None:
            aggregator.kill()
            aggregator.wait()
        shutil.rmtree(work, ignore_errors=True)
    for problem in failed:
        print(f"FAIL: {problem}")
    if failed:
        return 1
    print(f"{sum(len(v) for v in inputs.values())} records of 3 hosts went through audisp-remote and "
          "auditd; avcsift read them and the plugin wrote them as from raw.log")
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--inside":
        sys.exit(inside(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} AVCSIFT TESTDATA_DIR")
    avcsift, testdata = (os.path.abspath(arg) for arg in sys.argv[1:])
    if os.geteuid() != 0:
        skip("needs root: auditd, audisp-remote and the namespaces they run in")
    for tool, package in ((AUDITD, "auditd"), (AUDISP_REMOTE, "audispd-plugins")):
        if not os.access(tool, os.X_OK):
            skip(f"{tool} not found (Debian package {package})")
    if shutil.which("unshare") is None:
        skip("unshare not found (Debian package util-linux)")
    probe = subprocess.run([*UNSHARE, "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        skip(f"unshare cannot make mount, network and PID namespaces here: {probe.stderr.decode().strip()}")
    try:
        # --kill-child: when the timeout kills unshare, the kernel takes
        # the whole PID namespace with it.
        done = subprocess.run([*UNSHARE, sys.executable, os.path.abspath(__file__), "--inside",
                               avcsift, testdata], timeout=OUTER_TIMEOUT)
    except subprocess.TimeoutExpired:
        sys.exit(f"FAIL: timed out after {OUTER_TIMEOUT} s")
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
