#!/usr/bin/python3 -Es
"""The module audit2allow's own engine (Debian's python3-sepolgen 3.4) writes
for a log without a policy: every denial becomes an allow rule, as
`avcsift allow --no-policy` must do. audit2allow itself cannot run without a
policy on a machine where SELinux is off, so the test drives sepolgen's
parser and generator directly, as audit2allow does.

Usage: sepolgen_nopolicy.py LOG > OUT.te
"""
import sys

from sepolgen import audit, output, policygen


def main(log):
    parser = audit.AuditParser()
    with open(log, encoding="utf-8", errors="surrogateescape") as stream:
        parser.parse_file(stream)
    generator = policygen.PolicyGenerator()
    generator.add_access(parser.to_access())
    # audit2allow adds the role statements that SELINUX_ERR invalid contexts
    # call for (its --role output); without them the reference lacks rules.
    generator.add_role_types(parser.to_role())
    output.ModuleWriter().write(generator.get_module(), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
