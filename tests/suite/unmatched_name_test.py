#!/usr/bin/env python3
"""Every Catch2 test that ctest runs fails when its name matches no test case.

Catch2's ctest discovery registers each test case as `BINARY "NAME" ARGS...`.
A name the discovery mangles (it splits names at ';') matches no test case,
and Catch2 2.13 then exits 0, so ctest reported a test that never ran as
Passed. tests/CMakeLists.txt adds `-w NoTests` to every registration; this
test takes one registered command per Catch2 binary from ctest itself, puts a
name that matches nothing in place of the test name, and expects a failure.

Usage: unmatched_name_test.py CTEST BUILD_DIR
"""
import json
import os
import subprocess
import sys

UNMATCHED = "no test case has this name"


def is_catch2_binary(path):
    """True for an executable that answers Catch2's --list-test-names-only."""
    if not os.access(path, os.X_OK) or path.endswith((".sh", ".py")):
        return False
    if os.path.basename(path) in ("bash", "sh", "python3", "cmake", "ctest"):
        return False
    listing = subprocess.run([path, "--list-test-names-only"], capture_output=True, text=True)
    return listing.returncode > 0 and listing.stdout.strip() != ""


def main(argv):
    ctest, build = argv[1], argv[2]
    shown = subprocess.run([ctest, "--test-dir", build, "--show-only=json-v1"],
                           capture_output=True, text=True, check=True)
    first_command = {}
    for test in json.loads(shown.stdout)["tests"]:
        command = test.get("command") or []
        if len(command) >= 2 and command[0] not in first_command:
            first_command[command[0]] = (test["name"], command)
    status = 0
    binaries = 0
    for binary, (name, command) in sorted(first_command.items()):
        if not is_catch2_binary(binary):
            continue
        binaries += 1
        unmatched = [binary, UNMATCHED] + command[2:]
        run = subprocess.run(unmatched, capture_output=True, text=True)
        verdict = "fails" if run.returncode != 0 else "PASSES"
        print(f"{os.path.basename(binary)} (as for '{name}'): exit {run.returncode}, {verdict}")
        if run.returncode == 0:
            status = 1
    if binaries == 0:
        print("FAIL: ctest lists no Catch2 test binary")
        return 1
    if status:
        print("FAIL: a Catch2 registration passes on a name that matches no test case "
              "(add EXTRA_ARGS ${AVCSIFT_CATCH_ARGS} to its catch_discover_tests)")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
