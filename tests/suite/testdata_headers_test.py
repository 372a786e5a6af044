#!/usr/bin/env python3
"""Every log under testdata/audit-logs opens with '#' lines that list the
exact rules `avcsift allow` must produce (testdata/audit-logs/README.md). This
test reads those lists and runs avcsift on each log, so a header that no
longer says what the log gives, or an avcsift that no longer gives what the
header says, fails here instead of misleading the next reader.

    testdata_headers_test.py AVCSIFT AUDIT_LOGS_DIR
    testdata_headers_test.py --self-check AVCSIFT AUDIT_LOGS_DIR

A header lists rules as indented comment lines ('#   allow S T:C { p };',
'#   role R types T;'), in blocks. Which run a block describes is read from
the text before it:
  - the first block, introduced by "exactly these N rules": `allow --no-policy`
    (the README's convention: the rules assume no policy at all);
  - a block after text naming audit2allow's -l: avcsift started as
    audit2allow, `audit2allow -l -i LOG`;
  - a block after text saying "after the last policy load":
    `allow --no-policy --since-last-load`.
A sentence "after the last policy load ... the last N rules" (no list)
expects the last N rules of the first block from --since-last-load. A block
whose run cannot be told apart fails the test: every listed rule is checked.

Rules are compared as sets of (kind, source, target, class, permission),
with `self` read as the source type, so braces around a single permission
(the headers always write them, avcsift does not) and the order do not
matter. The normalizer is local rather than ../shared/tools/te-rules: this
test needs nothing outside the project, and reasons (te-rules' last column)
are not part of what the headers promise.

--self-check runs the same comparison on copies of raw.log whose header
lists one rule too few and one rule too many, and fails unless both are
caught: the proof that this test can fail.
"""
import os
import re
import subprocess
import sys
import tempfile

RULE_LINE = re.compile(r"^#\s{2,}((?:allow|dontaudit|auditallow|role)\s.*;)\s*$")
AV_RULE = re.compile(r"^\s*(allow|dontaudit|auditallow)\s+(\S+)\s+(\S+?)\s*:\s*(\S+)\s+(.*?)\s*;")
ROLE_RULE = re.compile(r"^\s*role\s+(\S+)\s+types\s+(.*?)\s*;")
COUNT = re.compile(r"exactly\s+these\s+(\d+)\s+rules")
LAST_N = re.compile(r"after the last policy load.*?the last (\w+) rules", re.S)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def statements(text):
    """The rule statements of a .te text or header block, one tuple per permission."""
    found = set()
    for line in text.splitlines():
        av = AV_RULE.match(line)
        if av:
            kind, source, target, cls, perms = av.groups()
            target = source if target == "self" else target
            for perm in perms.strip("{} ").split():
                found.add((kind, source, target, cls, perm))
            continue
        role = ROLE_RULE.match(line)
        if role:
            for type_name in role.group(2).strip("{} ").split():
                found.add(("role", role.group(1), type_name))
    return found


def read_header(path):
    """(blocks, trailing prose): blocks are (prose before, [rule lines], line number)."""
    blocks, prose, rules, first_line = [], [], [], 0
    with open(path, encoding="utf-8", errors="surrogateescape") as stream:
        for number, line in enumerate(stream, 1):
            if not line.startswith("#"):
                break
            match = RULE_LINE.match(line.rstrip("\n"))
            if match:
                if not rules:
                    first_line = number
                rules.append(match.group(1))
                continue
            if rules:
                blocks.append((" ".join(prose), rules, first_line))
                prose, rules = [], []
            prose.append(line.lstrip("#").strip())
    if rules:
        blocks.append((" ".join(prose), rules, first_line))
    return blocks, " ".join(prose)


def run(avcsift, compat_dir, arguments):
    """avcsift's stdout for ARGUMENTS (a first argument 'audit2allow' runs it under that name)."""
    if arguments[0] == "audit2allow":
        command = [os.path.join(compat_dir, "audit2allow")] + arguments[1:]
    else:
        command = [avcsift] + arguments
    result = subprocess.run(command, capture_output=True, text=True, errors="surrogateescape")
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def run_for(prose, index, log):
    """The command line a block describes, or None when the text does not say."""
    if index == 0:
        return ["allow", "--no-policy", log]
    if "audit2allow" in prose and re.search(r"(^|\s)-l\b", prose):
        return ["audit2allow", "-l", "-i", log]
    if "after the last policy load" in prose:
        return ["allow", "--no-policy", "--since-last-load", log]
    return None


def compare(name, what, expected, printed):
    """Prints the difference; True when the sets are equal."""
    if expected == printed:
        print(f"ok: {name}: {what}: {len(expected)} permission lines")
        return True
    print(f"FAIL: {name}: {what}: the header and avcsift disagree")
    for rule in sorted(expected - printed):
        print("  only in the header: " + " ".join(rule))
    for rule in sorted(printed - expected):
        print("  only in avcsift's output: " + " ".join(rule))
    return False


def check_log(avcsift, compat_dir, path):
    """True when every rule block of PATH's header matches avcsift's output."""
    name = os.path.basename(path)
    blocks, trailing = read_header(path)
    if not blocks:
        print(f"FAIL: {name}: the header lists no rules (testdata/audit-logs/README.md says each does)")
        return False
    ok = True
    first_prose, first_rules, first_line = blocks[0]
    count = COUNT.search(first_prose)
    listed = [rule for rule in first_rules if not rule.startswith("role ")]
    if not count or int(count.group(1)) != len(listed):
        print(f"FAIL: {name}:{first_line}: the header must say 'exactly these {len(listed)} rules' "
              f"before listing them")
        ok = False
    for index, (prose, rules, line) in enumerate(blocks):
        arguments = run_for(prose, index, path)
        if arguments is None:
            print(f"FAIL: {name}:{line}: cannot tell which run the rules listed here describe")
            ok = False
            continue
        what = " ".join(arguments[:-1])
        try:
            printed = statements(run(avcsift, compat_dir, arguments))
        except RuntimeError as error:
            print(f"FAIL: {name}:{line}: {error}")
            ok = False
            continue
        ok = compare(f"{name}:{line}", what, statements("\n".join(rules)), printed) and ok
    last = LAST_N.search(trailing)
    if last:
        word = last.group(1)
        wanted = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
        if wanted is None or wanted > len(first_rules):
            print(f"FAIL: {name}: cannot read 'the last {word} rules'")
            return False
        expected = statements("\n".join(first_rules[-wanted:]))
        printed = statements(run(avcsift, compat_dir, ["allow", "--no-policy", "--since-last-load", path]))
        ok = compare(name, f"allow --no-policy --since-last-load (the last {wanted} rules)",
                     expected, printed) and ok
    return ok


def check_directory(avcsift, logs):
    """True when every top-level *.log of LOGS matches its header (hostile/ has its own test)."""
    paths = sorted(os.path.join(logs, entry) for entry in os.listdir(logs) if entry.endswith(".log"))
    if not paths:
        print(f"FAIL: no logs under {logs}")
        return False
    with tempfile.TemporaryDirectory() as compat_dir:
        os.symlink(os.path.realpath(avcsift), os.path.join(compat_dir, "audit2allow"))
        results = [check_log(avcsift, compat_dir, path) for path in paths]
    print(f"{sum(results)} of {len(results)} log headers agree with avcsift")
    return all(results)


def self_check(avcsift, logs):
    """True when a header with a rule dropped, and one with a rule added, both fail."""
    with open(os.path.join(logs, "raw.log"), encoding="utf-8") as stream:
        original = stream.read()
    listed = "#   allow syslogd_t var_t:file { append };\n"
    if listed not in original:
        print("FAIL: raw.log no longer lists the rule the self-check edits")
        return False
    broken = {
        "a rule missing": original.replace(listed, "", 1).replace("exactly these 10 rules", "exactly these 9 rules"),
        "a rule too many": original.replace(listed, listed + "#   allow syslogd_t var_t:file { write };\n", 1)
                                   .replace("exactly these 10 rules", "exactly these 11 rules"),
    }
    ok = True
    for what, text in broken.items():
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "raw.log"), "w", encoding="utf-8") as stream:
                stream.write(text)
            print(f"--- a header with {what} (must fail):")
            if check_directory(avcsift, directory):
                print(f"FAIL: a header with {what} passed")
                ok = False
    return ok


def main(argv):
    if len(argv) == 4 and argv[1] == "--self-check":
        return 0 if self_check(argv[2], argv[3]) else 1
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0 if check_directory(argv[1], argv[2]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
