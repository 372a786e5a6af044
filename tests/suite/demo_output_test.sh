#!/usr/bin/env bash
# The README's first command, `scripts/dev.sh demo`, on a machine where
# `scripts/dev.sh test` has installed Debian's selinux-policy-default: the
# Plone module it prints holds live rules (the Plone types are the module's
# own, which that policy lacks), compiles with checkmodule, and the log is not
# called one from another policy.
# It runs the demo's own avcsift command line, read from scripts/dev.sh, with
# the binary under test: the demo's build (Release, tests off) would take
# minutes on its own build directory.
#
# Usage: demo_output_test.sh SOURCE_DIR AVCSIFT_BINARY
# Exits 77 (skipped) without a system policy or checkmodule.
set -euo pipefail
here=$1 avcsift=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

if ! compgen -G '/etc/selinux/*/policy/policy.*' > /dev/null; then
  echo "SKIP: no system policy under /etc/selinux (Debian package selinux-policy-default)"
  exit 77
fi
command -v checkmodule > /dev/null || { echo "SKIP: checkmodule is not installed"; exit 77; }

# The demo's avcsift line, as scripts/dev.sh runs it.
line=$(awk '/^  demo\)/ { demo = 1 } demo && /src\/avcsift/ { print; exit }' "$here/scripts/dev.sh")
# shellcheck disable=SC2016  # the text of the line, $build unexpanded
[[ $line == *'"$build/src/avcsift" allow '* ]] || fail "no avcsift line in dev.sh's demo: '$line'"
[[ $avcsift == */src/avcsift ]] || fail "the binary is not BUILD/src/avcsift: $avcsift"
# shellcheck disable=SC2034  # read by the demo's line through eval
build=${avcsift%/src/avcsift}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && eval "$line") > "$work/demo.out" 2> "$work/err" ||
  { cat "$work/err"; fail "the demo's command failed: $line"; }

live=$(grep -c '^allow ' "$work/demo.out" || true)
commented=$(grep -c '^# allow ' "$work/demo.out" || true)
echo "demo: $live live rules, $commented commented out"
[[ $live -ge 5 ]] || { cat "$work/demo.out"; fail "the demo prints $live live rules"; }
[[ $commented -eq 0 ]] || { cat "$work/demo.out"; fail "the demo comments out $commented rules"; }
grep -qx 'allow plone_t http_port_t:tcp_socket name_bind;' "$work/demo.out" ||
  { cat "$work/demo.out"; fail "the demo lacks plone_t's name_bind rule"; }
grep -q 'does not define type plone_t; this rule installs together with the module that declares it' \
  "$work/demo.out" || fail "the demo's rules do not say the policy lacks plone_t"
if grep -q 'another policy' "$work/err"; then cat "$work/err"; fail "the demo's log is called foreign"; fi

module=$(sed -n 's/^module \([A-Za-z0-9_]*\) .*/\1/p' "$work/demo.out")
[[ -n $module ]] || fail "the demo prints no module line"
cp "$work/demo.out" "$work/$module.te"
(cd "$work" && checkmodule -M -m -o "$module.mod" "$module.te") > "$work/checkmodule.out" 2>&1 ||
  { cat "$work/checkmodule.out"; fail "checkmodule rejects the demo's module"; }
echo "demo: module $module compiles with checkmodule"
