#!/bin/bash
# The product as a user gets it: `cmake --install` into a DESTDIR, and the
# .deb that `cpack -G DEB` builds, unpacked with dpkg -x. Both must hold a
# binary that runs, the man pages and the bash completion; the .deb's
# control data must name the package, its section and the Debian libraries
# dpkg-shlibdeps found.  Usage: package_test.sh CMAKE CPACK BUILD_DIR SOURCE_DIR
set -u
cmake=$1 cpack=$2 build=$3 source=$4
log=$source/testdata/audit-logs/plone-cycle-1.log
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check_tree ROOT WHAT: the installed files under ROOT/usr work.
check_tree() {
  local root=$1 what=$2 bin=$1/usr/bin/avcsift
  [[ -x $bin ]] || { fail "$what: no usr/bin/avcsift"; return; }
  local version
  version=$("$bin" --version) || fail "$what: avcsift --version failed"
  [[ $version =~ ^avcsift\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "$what: --version printed '$version'"
  local rules
  rules=$("$bin" allow --no-policy -q "$log" 2>"$tmp/err") || fail "$what: allow failed: $(cat "$tmp/err")"
  [[ $rules == *"allow "*";"* ]] || fail "$what: allow printed no rules"
  [[ -s $tmp/err ]] && fail "$what: allow -q wrote on stderr: $(cat "$tmp/err")"
  local page
  for page in "$source"/man/*.1; do
    [[ -f $root/usr/share/man/man1/$(basename "$page") || -f $root/usr/share/man/man1/$(basename "$page").gz ]] ||
      fail "$what: man page $(basename "$page") missing"
  done
  local plugin=$root/usr/share/doc/avcsift/examples/avcsift.conf
  [[ -f $plugin ]] || fail "$what: the auditd plugin example avcsift.conf is missing"
  grep -qx 'path = /usr/bin/avcsift' "$plugin" 2>/dev/null || fail "$what: avcsift.conf does not run /usr/bin/avcsift"
  grep -qx 'active = no' "$plugin" 2>/dev/null || fail "$what: avcsift.conf is active by default"
  local completion=$root/usr/share/bash-completion/completions/avcsift
  [[ -f $completion ]] || fail "$what: bash completion missing"
  [[ $(bash -c "source '$completion' && complete -p avcsift") == "complete -F _avcsift avcsift" ]] ||
    fail "$what: the installed completion does not register"
}

# 1. cmake --install with DESTDIR.
start=$SECONDS
DESTDIR=$tmp/root "$cmake" --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; fail "cmake --install failed"; }
check_tree "$tmp/root" "cmake --install"
echo "install tree checked in $((SECONDS - start)) s"

# 2. cpack -G DEB, into a directory of its own (not the build tree, which
#    other tests and builds share).
start=$SECONDS
(cd "$tmp" && "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/cpack") >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
debs=("$tmp"/cpack/avcsift_*.deb)
if [[ ${#debs[@]} -ne 1 || ! -f ${debs[0]} ]]; then
  cat "$tmp/cpack.log"
  fail "cpack made no avcsift_*.deb"
  exit 1
fi
deb=${debs[0]}
echo "built $(basename "$deb") in $((SECONDS - start)) s"

info=$(dpkg-deb -I "$deb")
echo "$info"
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == avcsift ]] || fail "Package: $(field Package)"
[[ $(field Section) == admin ]] || fail "Section: $(field Section)"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
[[ $(field Description) == *SELinux* ]] || fail "Description: $(field Description)"
depends=$(field Depends)
for library in libauparse0 libselinux1 libc6 libstdc++6; do
  [[ $depends == *"$library"* ]] || fail "Depends lacks $library: $depends"
done
# libsepol is linked statically (src/policy/CMakeLists.txt): no libsepol2.
[[ $depends == *libsepol* ]] && fail "Depends names libsepol, which is linked statically: $depends"

dpkg -x "$deb" "$tmp/deb-root" || fail "dpkg -x failed"
check_tree "$tmp/deb-root" ".deb"

[[ $failures -eq 0 ]] && echo "install tree and .deb are complete"
exit $((failures > 0))
