#!/usr/bin/env python3
"""Stream a large, realistic raw SELinux audit log to stdout, for benchmarks.

The log looks like /var/log/audit/audit.log on a busy Debian server: events made of
AVC (1-3 permissions), SYSCALL, CWD, PATH, SOCKADDR and PROCTITLE (hex) records,
USER_AVC from dbus-daemon and systemd, occasional granted AVCs and SELINUX_ERR
records, unrelated LOGIN/USER_START/CRED_ACQ/SERVICE_START records, and now and then
two events whose records interlace. Serials and timestamps increase from event to
event, so every event is distinct.

The denials fall on exactly --rules distinct (source type, target type, class)
combinations built from types of Debian's reference policy, so `avcsift why` can be
measured against that policy. The first --rules denial events visit every
combination once with its full permission set; after that, combinations are drawn
with a skew (a few rules dominate, as in real logs) and a subset of the permissions.
Once the log is larger than about 1.3 KB times --rules, `avcsift allow` on it must
therefore print exactly the allow rules that --list-rules prints, plus the one
`role unconfined_r types httpd_t;` that its SELINUX_ERR records call for.

Speed: each (rule, permission subset) becomes a complete event template once, with
a placeholder byte for the audit(SECONDS.MILLIS:SERIAL) stamp; producing an event is
one bytes.replace, and output leaves in multi-megabyte writes. Only the standard
library is used.
"""

import argparse
import random
import re
import sys

# Types of Debian's refpolicy (selinux-policy-default 2:2.20221101): daemon domains,
# file types, device types, port types. Checked against that policy's type list.
DOMAINS = """
httpd_t named_t sshd_t mysqld_t postgresql_t smbd_t nmbd_t cupsd_t dovecot_t
postfix_master_t postfix_smtpd_t postfix_local_t spamd_t clamd_t crond_t logrotate_t
syslogd_t chronyd_t ntpd_t dhcpc_t NetworkManager_t avahi_t systemd_logind_t
systemd_tmpfiles_t udev_t getty_t local_login_t sendmail_t squid_t rsync_t openvpn_t
snmpd_t munin_t nagios_t zabbix_agent_t collectd_t memcached_t redis_t mongod_t
slapd_t krb5kdc_t sssd_t nscd_t rpcbind_t rpcd_t nfsd_t automount_t mdadm_t acpid_t
auditd_t exim_t ftpd_t gpsd_t inetd_t mrtg_t privoxy_t puppet_t radiusd_t rngd_t
tftpd_t tor_t varnishd_t vnstatd_t xdm_t accountsd_t colord_t policykit_t
bluetooth_t dnsmasq_t fail2ban_t lircd_t jabberd_t ircd_t cyrus_t hddtemp_t
pegasus_t dovecot_auth_t apcupsd_t arpwatch_t bitlbee_t corosync_t ddclient_t
fetchmail_t httpd_sys_script_t innd_t irqbalance_t lpd_t minissdpd_t monit_t mpd_t
ntop_t pcscd_t postgrey_t pppd_t pulseaudio_t radvd_t rwho_t saslauthd_t sensord_t
setroubleshootd_t shorewall_t snort_t stunnel_t sysstat_t telnetd_t uucpd_t uuidd_t
watchdog_t xfs_t zebra_t
""".split()

FILE_TYPES = """
etc_t etc_runtime_t var_t var_lib_t var_log_t var_run_t var_spool_t var_lock_t tmp_t
user_tmp_t user_home_t user_home_dir_t home_root_t usr_t lib_t bin_t default_t
httpd_sys_content_t httpd_sys_rw_content_t httpd_log_t httpd_config_t httpd_cache_t
httpd_var_lib_t named_zone_t named_cache_t named_conf_t mysqld_db_t mysqld_etc_t
mysqld_log_t postgresql_db_t postgresql_etc_t postgresql_log_t samba_share_t
samba_etc_t samba_log_t samba_var_t cupsd_etc_t cupsd_log_t dovecot_etc_t
mail_spool_t mail_home_t postfix_etc_t postfix_spool_t system_cron_spool_t cron_log_t
chronyd_var_lib_t chronyd_var_log_t net_conf_t shadow_t locale_t fonts_t proc_t
sysfs_t proc_net_t sysctl_t tmpfs_t cert_t krb5_conf_t krb5_keytab_t ssh_home_t
sshd_key_t shell_exec_t ld_so_cache_t textrel_shlib_t man_t src_t public_content_t
public_content_rw_t nfs_t cifs_t dosfs_t iso9660_t file_context_t selinux_config_t
default_context_t systemd_unit_t mnt_t root_t boot_t modules_object_t squid_cache_t
squid_log_t slapd_db_t munin_var_lib_t nagios_log_t clamd_var_lib_t spamd_var_lib_t
exim_spool_t exim_log_t ftpd_etc_t rsync_data_t puppet_var_lib_t tor_var_lib_t
xdm_var_run_t
""".split()

DEVICE_TYPES = """
device_t tty_device_t devpts_t user_devpts_t null_device_t random_device_t
urandom_device_t fixed_disk_device_t removable_device_t
""".split()

PORTS = {  # port type -> a port number it labels
    "http_port_t": 80, "http_cache_port_t": 8080, "postgresql_port_t": 5432,
    "mysqld_port_t": 3306, "smtp_port_t": 25, "pop_port_t": 110, "ldap_port_t": 389,
    "dns_port_t": 53, "ssh_port_t": 22, "unreserved_port_t": 8100,
    "reserved_port_t": 81, "hi_reserved_port_t": 600, "kerberos_port_t": 88,
    "memcache_port_t": 11211, "redis_port_t": 6379, "squid_port_t": 3128,
    "ntp_port_t": 123, "ipp_port_t": 631, "rsync_port_t": 873, "git_port_t": 9418,
    "munin_port_t": 4949, "snmp_port_t": 161, "amqp_port_t": 5672, "ftp_port_t": 21,
    "ocsp_port_t": 9080, "puppet_port_t": 8140, "spamd_port_t": 783,
    "clamd_port_t": 3310, "syslogd_port_t": 514,
}

# Permissions that may be denied per class (the first ones are the common ones).
FILE_PERMS = {
    "file": "read write open getattr append execute map ioctl lock create unlink rename setattr",
    "dir": "search read write add_name remove_name getattr open create rmdir",
    "lnk_file": "read getattr",
    "sock_file": "write create unlink getattr",
}
DEVICE_PERMS = {"chr_file": "read write open ioctl getattr", "blk_file": "read write getattr"}
CAPABILITIES = {  # name -> capability number
    "dac_override": 1, "dac_read_search": 2, "chown": 0, "fowner": 3, "kill": 5,
    "setgid": 6, "setuid": 7, "net_bind_service": 10, "net_admin": 12, "ipc_lock": 14,
    "sys_ptrace": 19, "sys_admin": 21, "sys_resource": 24,
}
SYSCALLS = {  # permission -> (x86_64 syscall number, a typical argument 2)
    "read": (257, "80000"), "open": (257, "80000"), "write": (257, "241"),
    "append": (257, "441"), "create": (257, "c1"), "add_name": (257, "c1"),
    "search": (257, "90800"), "getattr": (262, "0"), "execute": (59, "0"),
    "map": (9, "1"), "ioctl": (16, "5401"), "lock": (73, "2"), "unlink": (263, "0"),
    "remove_name": (263, "0"), "rmdir": (263, "200"), "rename": (316, "0"),
    "setattr": (268, "1a4"), "name_connect": (42, "10"), "name_bind": (49, "10"),
    "connectto": (42, "6e"), "signal": (62, "f"), "sigkill": (62, "9"),
    "execmem": (9, "7"), "setrlimit": (160, "0"), "setsched": (144, "0"),
}

OPEN_PERMS = {"read", "write", "append", "open"}  # checked together when a file is opened
PH = b"\x01"  # stands for the audit stamp in templates; never appears in output
UNCONFINED = "unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023"


def parse_size(text):
    """'10GiB', '512M', '1.5G', '100000' -> bytes (K, M, G, T are powers of 1024)."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]?)(?:i?B)?\s*", text, re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size '{text}' (try 100M, 1G, 10GiB)")
    power = " KMGT".index(m.group(2).upper() or " ")
    return int(float(m.group(1)) * 1024 ** power)


def hexstr(*args):
    """The kernel's hex form of a NUL-separated command line."""
    return b"\0".join(a.encode() for a in args).hex().upper()


class Rule:
    """One (source, target, class) combination and how its denials look."""

    __slots__ = ("src", "tgt", "cls", "perms", "kind", "port", "path", "permissive",
                 "pid", "uid", "ino")

    def __init__(self, src, tgt, cls, perms, kind):
        self.src, self.tgt, self.cls, self.perms, self.kind = src, tgt, cls, perms, kind
        self.port = self.path = None
        self.permissive = 0

    def text(self):
        tgt = "self" if self.tgt == self.src else self.tgt
        return f"allow {self.src} {tgt}:{self.cls} {{ {' '.join(sorted(self.perms))} }};"


def make_rules(count, rng):
    """count distinct rules, in a deterministic order (no set iteration)."""
    permissive = set(rng.sample(DOMAINS, max(1, len(DOMAINS) // 20)))
    kinds = (["file"] * 70 + ["device"] * 5 + ["port"] * 8 + ["domain"] * 7 +
             ["self"] * 5 + ["systemd"] * 5)
    seen, rules = set(), []
    synthetic = 0
    tries = 0
    while len(rules) < count:
        tries += 1
        src = rng.choice(DOMAINS)
        kind = rng.choice(kinds)
        if tries > 50 * count:  # the real types are used up: invent more
            synthetic += 1
            src, kind = f"gen{synthetic}_t", "file"
        if kind == "file":
            cls = rng.choice(("file", "file", "file", "dir", "dir", "lnk_file", "sock_file"))
            tgt, perms = rng.choice(FILE_TYPES), FILE_PERMS[cls].split()
        elif kind == "device":
            cls = "blk_file" if rng.random() < 0.2 else "chr_file"
            tgt, perms = rng.choice(DEVICE_TYPES), DEVICE_PERMS[cls].split()
        elif kind == "port":
            tgt = rng.choice(list(PORTS))
            cls = rng.choice(("tcp_socket", "tcp_socket", "udp_socket"))
            perms = ["name_bind"] if cls == "udp_socket" else ["name_connect", "name_bind"]
        elif kind == "domain":
            tgt = rng.choice(DOMAINS)
            cls, perms = rng.choice((("unix_stream_socket", ["connectto"]),
                                     ("process", ["signal", "sigkill"]),
                                     ("dbus", ["send_msg"])))
            if tgt == src:
                continue
        elif kind == "self":
            tgt = src
            if rng.random() < 0.7:
                cls, perms = "capability", list(CAPABILITIES)
            else:
                cls, perms = "process", ["execmem", "setrlimit", "setsched"]
        else:
            cls, tgt, perms = "system", "init_t", ["status", "reload", "start"]
        key = (src, tgt, cls)
        if key in seen:
            continue
        seen.add(key)
        # Each rule is denied 1-3 of its class's usual permissions.
        start = rng.randrange(len(perms))
        n = min(len(perms), rng.choice((1, 1, 2, 2, 3)))
        if cls in ("dbus", "system"):  # a USER_AVC names one permission
            n = 1
        rule = Rule(src, tgt, cls, [perms[(start + i) % len(perms)] for i in range(n)], kind)
        rule.permissive = 1 if src in permissive else 0
        rule.pid = rng.randrange(400, 65000)
        rule.uid = rng.choice((0, 0, 33, 101, 105, 112, 998))
        rule.ino = rng.randrange(1000, 9000000)
        if kind == "port":
            rule.port = PORTS[tgt]
        elif kind in ("file", "device"):
            rule.path = make_path(rule, rng)
        rules.append(rule)
    return rules


def make_path(rule, rng):
    app = rule.src[:-2].replace("_", "-")
    stem = rule.tgt[:-2]
    if rule.kind == "device":
        return rng.choice(("/dev/ttyS0", "/dev/pts/1", "/dev/sdb", "/dev/null", "/dev/mapper/vg0-data"))
    base = {
        "etc_t": f"/etc/{app}", "var_log_t": f"/var/log/{app}", "var_lib_t": f"/var/lib/{app}",
        "var_run_t": f"/run/{app}", "tmp_t": "/tmp", "user_tmp_t": "/tmp",
        "user_home_t": "/home/alice", "user_home_dir_t": "/home", "usr_t": "/usr/share",
        "lib_t": "/usr/lib/x86_64-linux-gnu", "bin_t": "/usr/bin", "default_t": "/srv",
        "proc_t": "/proc", "sysfs_t": "/sys/devices", "shadow_t": "/etc",
    }.get(rule.tgt, f"/var/lib/{stem.replace('_', '-')}")
    leaf = {"dir": "data", "lnk_file": "current", "sock_file": f"{app}.sock"}.get(
        rule.cls, rng.choice((f"{app}.conf", "state.db", "index.html", "cache.bin", "my report.txt")))
    return f"{base}/{leaf}"


def avc_name(path):
    """name=... as the kernel prints it: quoted, or hex when it has a space."""
    leaf = path.rsplit("/", 1)[-1]
    return leaf.encode().hex().upper() if " " in leaf else f'"{leaf}"'


def build_event(rule, perms):
    """The complete text of one denial event for rule, with PH for the stamp."""
    src_ctx = f"system_u:system_r:{rule.src}:s0"
    if rule.kind in ("domain", "self") or rule.cls == "system":
        tgt_ctx = f"system_u:system_r:{rule.tgt}:s0"
    else:
        tgt_ctx = f"system_u:object_r:{rule.tgt}:s0"
    comm = rule.src[:-2][:15]
    exe = f"/usr/sbin/{rule.src[:-2]}"
    stamp = "\x01"
    if rule.cls in ("dbus", "system"):
        return user_avc(rule, perms, src_ctx, tgt_ctx, stamp)
    fields = f"pid={rule.pid} comm=\"{comm}\""
    extra = ""
    if rule.kind in ("file", "device"):
        if "getattr" in perms or "ioctl" in perms or "execute" in perms:
            fields += f' path="{rule.path}" dev="sda1" ino={rule.ino}'
        else:
            fields += f" name={avc_name(rule.path)} dev=\"sda1\" ino={rule.ino}"
        if "ioctl" in perms:
            fields += " ioctlcmd=0x5401"
    elif rule.kind == "port":
        fields += f" {'dest' if perms[0] == 'name_connect' else 'src'}={rule.port}"
    elif rule.cls == "unix_stream_socket":
        fields += f' path="/run/{rule.tgt[:-2]}/{rule.tgt[:-2]}.sock"'
    elif rule.cls == "capability":
        fields += f" capability={CAPABILITIES[perms[0]]} "
    lines = []
    together = rule.cls in ("file", "chr_file", "blk_file") and set(perms) <= OPEN_PERMS
    if len(perms) > 1 and not together:
        # The kernel lists several permissions in one AVC only when one check asked
        # for them together (the open hook: { read write open }); otherwise each check
        # that failed (or, in permissive mode, passed through) logs its own record.
        for p in perms:
            f = fields
            if rule.cls == "capability":
                f = f.replace(f"capability={CAPABILITIES[perms[0]]}", f"capability={CAPABILITIES[p]}")
            lines.append(avc_line(stamp, [p], f, src_ctx, tgt_ctx, rule))
    else:
        lines.append(avc_line(stamp, perms, fields, src_ctx, tgt_ctx, rule))
    nr, a2 = SYSCALLS.get(perms[0], (257, "0"))
    items = 1 if rule.kind in ("file", "device") else 0
    ok = "yes" if rule.permissive else "no"
    ex = "3" if rule.permissive else ("-1" if rule.cls == "capability" else "-13")
    u = rule.uid
    a0 = "ffffff9c" if nr in (257, 262, 263, 268, 316) else "3"
    lines.append(
        f"type=SYSCALL msg=audit({stamp}): arch=c000003e syscall={nr} success={ok} exit={ex} "
        f"a0={a0} a1=7f{rule.ino:010x} a2={a2} a3=0 items={items} ppid=1 pid={rule.pid} "
        f"auid=4294967295 uid={u} gid={u} euid={u} suid={u} fsuid={u} egid={u} sgid={u} fsgid={u} "
        f"tty=(none) ses=4294967295 comm=\"{comm}\" exe=\"{exe}\" subj={src_ctx} key=(null)")
    if rule.kind == "port":
        lines.append(f"type=SOCKADDR msg=audit({stamp}): saddr=0200{rule.port:04X}7F0000010000000000000000")
    if items:
        name = rule.path
        qname = name.encode().hex().upper() if " " in name else f'"{name}"'
        mode = {"dir": "040755", "chr_file": "020620", "blk_file": "060660",
                "lnk_file": "0120777", "sock_file": "0140777"}.get(rule.cls, "0100644")
        lines.append(f'type=CWD msg=audit({stamp}): cwd="/"')
        lines.append(
            f"type=PATH msg=audit({stamp}): item=0 name={qname} inode={rule.ino} dev=08:01 "
            f"mode={mode} ouid=0 ogid=0 rdev=00:00 obj={tgt_ctx} nametype=NORMAL cap_fp=0 "
            f"cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0")
    lines.append(f"type=PROCTITLE msg=audit({stamp}): proctitle={hexstr(exe, '-f', '--no-daemon')}")
    return ("\n".join(lines) + "\n").encode()


def avc_line(stamp, perms, fields, src_ctx, tgt_ctx, rule):
    return (f"type=AVC msg=audit({stamp}): avc:  denied  {{ {' '.join(perms)} }} for  {fields} "
            f"scontext={src_ctx} tcontext={tgt_ctx} "
            f"tclass={rule.cls} permissive={rule.permissive}")


def user_avc(rule, perms, src_ctx, tgt_ctx, stamp):
    if rule.cls == "dbus":
        body = (f"avc:  denied  {{ {perms[0]} }} for msgtype=method_call "
                f"interface=org.freedesktop.DBus.Properties member=GetAll dest=:1.{rule.ino % 400} "
                f"spid={rule.pid} tpid={(rule.pid * 7) % 60000 + 300} scontext={src_ctx} "
                f"tcontext={tgt_ctx} tclass=dbus permissive={rule.permissive} ")
        who = ("pid=640 uid=101 auid=4294967295 ses=4294967295 "
               "subj=system_u:system_r:system_dbusd_t:s0-s0:c0.c1023")
        tail = ' exe="/usr/bin/dbus-daemon" sauid=101 hostname=? addr=? terminal=?'
    else:
        body = (f"avc:  denied  {{ {perms[0]} }} for auid=n/a uid={rule.uid} gid={rule.uid} "
                f"cmdline=\"/bin/systemctl {perms[0]} {rule.src[:-2]}.service\" "
                f"function=\"mac_selinux_filter\" scontext={src_ctx} tcontext={tgt_ctx} "
                f"tclass={rule.cls} permissive={rule.permissive} ")
        who = "pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0"
        tail = ' exe="/usr/lib/systemd/systemd" sauid=0 hostname=? addr=? terminal=?'
    return f"type=USER_AVC msg=audit({stamp}): {who} msg='{body}{tail}'\n".encode()


def noise_templates():
    """Records that are not denials: a parser must skip them quickly."""
    cron = "system_u:system_r:crond_t:s0-s0:c0.c1023"
    t = [
        f"type=LOGIN msg=audit(\x01): pid=2281 uid=0 subj={cron} old-auid=4294967295 auid=0 tty=(none) old-ses=4294967295 ses=41 res=1\n",
        f"type=USER_START msg=audit(\x01): pid=2281 uid=0 auid=0 ses=41 subj={cron} msg='op=PAM:session_open grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct=\"root\" exe=\"/usr/sbin/cron\" hostname=? addr=? terminal=cron res=success'\n",
        f"type=CRED_ACQ msg=audit(\x01): pid=2281 uid=0 auid=4294967295 ses=4294967295 subj={cron} msg='op=PAM:setcred grantors=pam_permit acct=\"root\" exe=\"/usr/sbin/cron\" hostname=? addr=? terminal=cron res=success'\n",
        "type=SERVICE_START msg=audit(\x01): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='unit=logrotate comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\" hostname=? addr=? terminal=? res=success'\n",
        f"type=USER_END msg=audit(\x01): pid=2281 uid=0 auid=0 ses=41 subj={cron} msg='op=PAM:session_close grantors=pam_loginuid,pam_env,pam_env,pam_permit,pam_unix,pam_limits acct=\"root\" exe=\"/usr/sbin/cron\" hostname=? addr=? terminal=cron res=success'\n",
    ]
    rare = [
        # granted (auditallow) and SELINUX_ERR: present in real logs, never rules
        f"type=AVC msg=audit(\x01): avc:  granted  {{ setenforce }} for  pid=4125 comm=\"setenforce\" scontext={UNCONFINED} tcontext=system_u:object_r:security_t:s0 tclass=security\n"
        f"type=SYSCALL msg=audit(\x01): arch=c000003e syscall=1 success=yes exit=1 a0=3 a1=7ffc5d2e7a44 a2=1 a3=0 items=0 ppid=4121 pid=4125 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=7 comm=\"setenforce\" exe=\"/usr/sbin/setenforce\" subj={UNCONFINED} key=(null)\n",
        f"type=SELINUX_ERR msg=audit(\x01): op=security_compute_sid invalid_context=\"unconfined_u:unconfined_r:httpd_t:s0\" scontext={UNCONFINED} tcontext=system_u:object_r:httpd_exec_t:s0 tclass=process\n"
        f"type=SYSCALL msg=audit(\x01): arch=c000003e syscall=59 success=no exit=-13 a0=55d3a2f1c0e0 a1=55d3a2f1bb70 a2=55d3a2f0d8a0 a3=8 items=1 ppid=4101 pid=4133 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=2 comm=\"bash\" exe=\"/usr/bin/bash\" subj={UNCONFINED} key=(null)\n",
    ]
    return [x.encode() for x in t], [x.encode() for x in rare]


def interlace(a, b):
    """Merge the records of two events alternately, as concurrent CPUs do."""
    la, lb = a.splitlines(keepends=True), b.splitlines(keepends=True)
    out = []
    for i in range(max(len(la), len(lb))):
        if i < len(la):
            out.append(la[i])
        if i < len(lb):
            out.append(lb[i])
    return b"".join(out)


def pick_denial(rules, order, cache, covered, rnd):
    """The template of the next denial event, and the new count of covered rules:
    every rule once with all its permissions first, then a skewed draw."""
    n = len(rules)
    if covered < n:  # first visit every rule once, with all its permissions
        i, v = order[covered], 0
        covered += 1
    else:
        x = rnd()
        i = order[int(x * x * n)]
        v = 1 + int(rnd() * 3)
    tmpl = cache.get((i, v))
    if tmpl is None:
        rule = rules[i]
        perms = rule.perms if v == 0 else [rule.perms[(v - 1) % len(rule.perms)]]
        if v == 3 and len(rule.perms) > 1:
            perms = rule.perms[-2:]
        tmpl = cache[(i, v)] = build_event(rule, perms)
    return tmpl, covered


def generate(out, size, rules, rng, start):
    noise, rare = noise_templates()
    cache = {}
    n = len(rules)
    order = list(range(n))
    rng.shuffle(order)
    covered = 0
    written = 0
    serial = 1000
    msec = start * 1000
    buf, buffered = [], 0
    rnd = rng.random
    replace = bytes.replace
    pending = None  # an event held back to be interlaced with the next one
    while written + buffered < size:
        serial += 1
        msec += int(rnd() * 25)
        stamp = b"%d.%03d:%d" % (msec // 1000, msec % 1000, serial)
        r = rnd()
        if r < 0.08:
            ev = replace(noise[int(r * 62.5) % len(noise)], PH, stamp)
        elif r < 0.082:
            ev = replace(rare[int(r * 1000) % len(rare)], PH, stamp)
        else:
            tmpl, covered = pick_denial(rules, order, cache, covered, rnd)
            ev = replace(tmpl, PH, stamp)
            if pending is None and r > 0.99:  # about 1 in 100 events interlaces
                pending = ev
                continue
        if pending is not None:
            ev = interlace(pending, ev)
            pending = None
        buf.append(ev)
        buffered += len(ev)
        if buffered >= 1 << 22:
            out.write(b"".join(buf))
            written += buffered
            buf, buffered = [], 0
    if pending is not None:
        buf.append(pending)
        buffered += len(pending)
    if buf:
        out.write(b"".join(buf))
        written += buffered
    out.flush()
    if covered < n:
        print(f"gen-log.py: note: the log covers only {covered} of {n} rules; "
              f"use a larger --size", file=sys.stderr)
    return written


# What log_format = ENRICHED adds (auditd 3.0.9, src/auditd-event.c): after the raw
# record, a \x1d and then, in the order the fields come (those inside a user
# message's msg='...' included), NAME=value for every field libauparse types as a
# user or group id (the name in quotes), an arch, a syscall or a socket address.
# Other records (AVC, CWD, PROCTITLE, SELINUX_ERR) get no tail at all. The id fields
# are libauparse's (auparse/typetab.h).
UID_FIELDS = frozenset(b"auid uid euid suid fsuid ouid oauid old-auid iuid id inode_uid "
                       b"sauid obj_uid".split())
GID_FIELDS = frozenset(b"obj_gid gid egid sgid fsgid ogid igid inode_gid new_gid".split())
# Names of the ids the templates use, as /etc/passwd and /etc/group give them.
ID_NAMES = {0: "root", 33: "www-data", 101: "messagebus", 105: "postfix", 112: "bind",
            998: "app", 1000: "alice", 4294967295: "unset"}
SYSCALL_NAMES = {257: "openat", 262: "newfstatat", 59: "execve", 9: "mmap", 16: "ioctl",
                 73: "flock", 263: "unlinkat", 316: "renameat2", 268: "fchmodat",
                 42: "connect", 49: "bind", 62: "kill", 160: "setrlimit",
                 144: "sched_setscheduler", 1: "write"}
ENRICHED_SEP = b"\x1d"
PFX = b"\x02"  # stands for a host's node= prefix in fleet templates


def interpret(name, value):
    """value of field name as ENRICHED writes it after the \\x1d, or None."""
    if name in UID_FIELDS or name in GID_FIELDS:
        digits = re.match(rb"[0-9]*", value).group(0)  # strtoul: "n/a" reads as 0
        n = int(digits or b"0")
        return b'"' + ID_NAMES.get(n, f"unknown({n})").encode() + b'"'
    if name == b"arch":
        return b"x86_64" if value == b"c000003e" else b"unknown-elf-type(" + value + b")"
    if name == b"syscall":
        return SYSCALL_NAMES.get(int(value), value.decode()).encode()
    if name == b"saddr" and value.startswith(b"0200"):  # AF_INET, port, address
        port = int(value[4:8], 16)
        addr = ".".join(str(int(value[i:i + 2], 16)) for i in range(8, 16, 2))
        return b"{ saddr_fam=inet laddr=%s lport=%d }" % (addr.encode(), port)
    return None


def enrich(record):
    """record (no newline, no node=) as auditd writes it with log_format = ENRICHED."""
    names = []
    for token in record[record.index(b" ") + 1:].split(b" "):
        if token.startswith(b"msg='"):  # a user message: its fields count too
            token = token[5:]
        name, eq, value = token.partition(b"=")
        if not eq or name == b"msg":
            continue
        text = interpret(name, value.rstrip(b"'"))
        if text is not None:
            names.append(name.upper() + b"=" + text)
    if not names:
        return record
    return record + ENRICHED_SEP + b" ".join(names)


def fleet_template(tmpl, enriched, eoe):
    """tmpl with PFX before each record, enriched or not, with an EOE record after a
    multi-record event when eoe; and its count of records."""
    lines = tmpl.split(b"\n")[:-1]
    if enriched:
        lines = [enrich(line) for line in lines]
    if eoe and len(lines) > 1:
        lines.append(b"type=EOE msg=audit(" + PH + b"): ")
    return b"".join(PFX + line + b"\n" for line in lines), len(lines)


class Host:
    """One machine whose auditd forwards to the aggregator: its own serials and
    clock (skewed against the others), and its log format."""

    __slots__ = ("prefix", "serial", "skew_ms", "enriched")

    def __init__(self, index, rng, skew_ms, enriched):
        # Host 0 is the aggregator itself: its own records carry no node=.
        self.prefix = b"" if index == 0 else b"node=web-%05d " % index
        # Every host counts from the same boot serial, and the hosts log at the same
        # average rate, so at any moment many hosts use the same serial numbers.
        self.serial = 1000
        self.skew_ms = rng.randrange(-skew_ms, skew_ms + 1) if index and skew_ms else 0
        self.enriched = enriched


def make_hosts(hosts, rng, skew_ms, enriched):
    """The aggregator (index 0) and `hosts` machines; an even `enriched` share of
    them (hosts i with floor(i*share) > floor((i-1)*share)) logs ENRICHED."""
    return [Host(i, rng, skew_ms, i > 0 and int(i * enriched) > int((i - 1) * enriched))
            for i in range(hosts + 1)]


def generate_fleet(out, size, rules, rng, start, opts):
    """An aggregator's log: events of opts.hosts machines (with node= prefixes)
    whose records arrive mixed, or, with opts.interleave, blocks of that many
    events written record by record across the block (all first records, then
    all second records, ...), in at most a second of log time per block."""
    hosts, interleave, keep_order = opts.hosts, opts.interleave, opts.keep_order
    noise, _ = noise_templates()
    cache, shapes = {}, {}
    order = list(range(len(rules)))
    rng.shuffle(order)
    machines = make_hosts(hosts, rng, int(opts.skew * 1000), opts.enriched)
    rnd = rng.random
    # The order records arrive in has its own generator, so that --keep-order
    # writes exactly the same events.
    mixer = random.Random(rnd()).random
    covered, written, msec = 0, 0, start * 1000
    # Bytes of the events made so far, written or still waiting to be mixed:
    # with --hosts the loop stops on them, so that the mixed log and its
    # --keep-order twin hold the same events. --interleave stops on whole
    # blocks written (--size 1 is one block), the same in both orders.
    generated = 0
    clock = float(msec)  # with --pace: log time in fractional milliseconds
    ms_per_record = 1000.0 / opts.pace if opts.pace else 0.0
    block, pool, buf, buffered = [], [], [], 0

    def emit(data):
        nonlocal buffered
        buf.append(data)
        buffered += len(data)

    def stamped(text, host, ms):
        host.serial += 1
        t = ms + host.skew_ms
        return text.replace(PH, b"%d.%03d:%d" % (t // 1000, t % 1000, host.serial)) \
                   .replace(PFX, host.prefix)

    while (written + buffered if interleave else generated) < size:
        r = rnd()
        if r < 0.08:
            tmpl = noise[int(r * 62.5) % len(noise)]
        else:
            tmpl, covered = pick_denial(rules, order, cache, covered, rnd)
        host = machines[int(rnd() * len(machines))] if hosts else machines[0]
        key = (tmpl, host.enriched)
        shape = shapes.get(key)
        if shape is None:
            shape = shapes[key] = fleet_template(tmpl, host.enriched, opts.eoe)
        text, records = shape
        if interleave:  # a block of N events spans at most a second
            msec += 1 if rnd() < min(1.0, 1000 / interleave) else 0
        elif ms_per_record:  # log time keeps pace with a live feed of --pace records/s
            clock += records * ms_per_record * 2 * rnd()
            msec = int(clock)
        else:
            msec += int(rnd() * 25)
        events = [stamped(text, host, msec)]
        if hosts > 1 and rnd() < 0.01:
            # Another host logs an event with the very same time and serial.
            twin = machines[1 + int(rnd() * hosts)]
            # Only a host whose clock is within a second of the first's logs
            # the same stamp at about the same moment of the log; the records
            # of another would arrive where its own clock reads that stamp.
            if twin is not host and abs(twin.skew_ms - host.skew_ms) < 1000:
                saved, twin.serial, skew = twin.serial, host.serial - 1, twin.skew_ms
                twin.skew_ms = host.skew_ms
                twin_key = (tmpl, twin.enriched)
                if twin_key not in shapes:
                    shapes[twin_key] = fleet_template(tmpl, twin.enriched, opts.eoe)
                events.append(stamped(shapes[twin_key][0], twin, msec))
                twin.serial, twin.skew_ms = max(saved, twin.serial), skew
        for ev in events:
            generated += len(ev)
            if interleave:
                block.append(ev.splitlines(keepends=True))
                if len(block) >= interleave:
                    emit(interleave_block(block, keep_order))
                    block = []
            elif hosts and not keep_order:
                pool.append(ev.splitlines(keepends=True)[::-1])
                if len(pool) >= 16:  # records of up to 16 events arrive mixed
                    emit(mix(pool, mixer, 8))
            else:
                emit(ev)
        if buffered >= 1 << 22:
            out.write(b"".join(buf))
            written += buffered
            buf, buffered = [], 0
    if block:
        emit(interleave_block(block, keep_order))
    if pool:
        emit(mix(pool, mixer, 0))
    out.write(b"".join(buf))
    out.flush()
    return written + buffered


def interleave_block(block, keep_order):
    """The records of the events in block, column by column (or in order)."""
    if keep_order:
        return b"".join(r for ev in block for r in ev)
    out = []
    for i in range(max(len(ev) for ev in block)):
        out.extend(ev[i] for ev in block if i < len(ev))
    return b"".join(out)


def mix(pool, rnd, keep):
    """Writes records of the pooled events (each a list of its records, last record
    first) in random order, each event's own records in order, until only `keep`
    events are left in the pool."""
    out = []
    append = out.append
    while len(pool) > keep:
        i = int(rnd() * len(pool))
        ev = pool[i]
        append(ev.pop())
        if not ev:
            pool[i] = pool[-1]
            pool.pop()
    return b"".join(out)


def main():
    ap = argparse.ArgumentParser(
        description="Stream a large, realistic raw SELinux audit log to stdout.",
        epilog="Examples: gen-log.py --size 10GiB --rules 10000 | avcsift allow; "
               "gen-log.py --rules 500 --list-rules > expected.rules")
    ap.add_argument("--size", type=parse_size, default=parse_size("100M"),
                    help="bytes to write, with optional K/M/G/T suffix (powers of 1024, "
                         "so 1G = 1GiB); output stops after the event that reaches it "
                         "(default 100M)")
    ap.add_argument("--rules", type=int, default=1000,
                    help="distinct (source, target, class) combinations the denials "
                         "fall on (default 1000)")
    ap.add_argument("--seed", type=int, default=1,
                    help="random seed; equal arguments give byte-identical output (default 1)")
    ap.add_argument("--start", type=int, default=1795600800,
                    help="epoch seconds of the first event (default 1795600800, "
                         "2026-11-25 10:00:00 UTC)")
    ap.add_argument("--hosts", type=int, default=0,
                    help="write an aggregator's log: events of this many hosts, each "
                         "record prefixed node=web-NNNNN (plus the aggregator's own "
                         "records without node=), each host with its own serials (all "
                         "counting from the same number at the same average rate, so the "
                         "same serial appears on many hosts at nearby times), a clock "
                         "skewed by up to --skew, an --enriched share in log_format = "
                         "ENRICHED, records of up to 16 events arriving mixed, and 1 "
                         "event in 100 repeated with the same time and serial on a second "
                         "host if its clock is within a second of the first's (default 0: "
                         "one host)")
    ap.add_argument("--skew", type=float, default=5.0, metavar="SECONDS",
                    help="with --hosts: each host's clock is off by a fixed, seeded amount "
                         "of up to +-SECONDS (default 5)")
    ap.add_argument("--enriched", type=float, default=0.25, metavar="FRACTION",
                    help="with --hosts: the share of hosts (evenly spread) that write "
                         "log_format = ENRICHED: a 0x1d byte and the names of ids, arch, "
                         "syscall and socket address after the records that have them "
                         "(default 0.25)")
    ap.add_argument("--eoe", action="store_true",
                    help="end each multi-record event with an EOE record, as auditd "
                         "hands events to its plugins (audit.log has none)")
    ap.add_argument("--pace", type=float, default=0, metavar="RECORDS_PER_SECOND",
                    help="log time advances so that each second of it holds about this "
                         "many records (a live feed's rate; with --start set to now the "
                         "stamps stay near the clock while the log is replayed at that "
                         "rate); default: about 80 events a second")
    ap.add_argument("--interleave", type=int, default=0, metavar="N",
                    help="hostile interleaving: blocks of N events within a second of "
                         "log time, written as all their first records, then all their "
                         "second records, and so on (AVC, then SYSCALL, ... PROCTITLE)")
    ap.add_argument("--keep-order", action="store_true",
                    help="with --hosts or --interleave: the same events, each one's "
                         "records together, in order (to compare with the mixed log)")
    ap.add_argument("--list-rules", action="store_true",
                    help="print instead the sorted allow rules that `avcsift allow` "
                         "must produce for a log large enough to cover every rule (the "
                         "SELINUX_ERR records add `role unconfined_r types httpd_t;`)")
    args = ap.parse_args()
    if args.rules < 1:
        ap.error("--rules must be at least 1")
    if args.hosts < 0 or args.interleave < 0:
        ap.error("--hosts and --interleave take a count of at least 0")
    if args.skew < 0 or not 0 <= args.enriched <= 1 or args.pace < 0:
        ap.error("--skew and --pace take at least 0, --enriched a fraction from 0 to 1")
    rng = random.Random(args.seed)
    rules = make_rules(args.rules, rng)
    try:
        if args.list_rules:
            sys.stdout.write("".join(sorted(r.text() + "\n" for r in rules)))
            sys.stdout.flush()
        elif args.hosts or args.interleave or args.eoe or args.pace:
            generate_fleet(sys.stdout.buffer, args.size, rules, rng, args.start, args)
        else:
            generate(sys.stdout.buffer, args.size, rules, rng, args.start)
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
