#!/usr/bin/env bash
# Set up, build and run avcsift on a fresh Debian 12 machine.
#
#   scripts/dev.sh demo   install the build dependencies, build (Release) and
#                         run `avcsift allow` on a bundled Plone log
#   scripts/dev.sh test   install build and test dependencies, build, and run
#                         the whole test suite (unit, cli, corpus); then the unit
#                         tests again under ASan+UBSan (build-asan), and a short
#                         libFuzzer smoke run with the fuzz regressions (build-fuzz)
#
# Packages are installed with apt-get only when missing (as root, or through
# sudo). BUILD_DIR (default: build) and JOBS (default: nproc) can be set.
#
# `demo` and `test` share BUILD_DIR, in either order: `test` configures it with
# the tests switched on whatever the cache holds (demo switches them off). Each
# ctest run fails when it finds no test, and writes its results as JUnit XML
# (ctest-results.xml in its build directory), which .ci/run checks.
#
# DEV_CONFIGURE_ONLY=1 stops after configuring: `demo` builds and runs nothing,
# `test` lists the Release tests (ctest -N) and stops. tests/package's test of
# this script uses it to check the Release tests after a demo without a second
# full build.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$here/build}
jobs=${JOBS:-$(nproc)}
configure_only=${DEV_CONFIGURE_ONLY:-0}

build_packages=(build-essential cmake ninja-build pkg-config libauparse-dev libsepol-dev
  libselinux1-dev libboost-program-options-dev libspdlog-dev libfmt-dev nlohmann-json3-dev
  zlib1g-dev catch2)
test_packages=(chromium checkpolicy secilc semodule-utils policycoreutils selinux-policy-default python3 gzip clang
  libclang-rt-14-dev dpkg-dev groff-base man-db bsdutils policycoreutils-python-utils
  selinux-policy-dev python3-sepolgen)
# compat_input_parity.sh: the real audit2allow -a and -b run /sbin/ausearch.
test_packages+=(auditd)
# tests/fleet: the real audisp-remote sends to auditd as an aggregator.
test_packages+=(audispd-plugins)

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $configure_only == 1 ]]; then
    echo "DEV_CONFIGURE_ONLY installs nothing; missing: ${missing[*]}" >&2
    return 1
  fi
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  echo "Installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
  [[ $configure_only == 1 ]] && return 0
  cmake --build "$build" -j "$jobs"
}

# run_ctest DIR ARGS...: the tests of DIR; no test found is an error.
run_ctest() {
  local dir=$1
  shift
  # The policy cache the tests fill goes under the build directory, not into
  # the home directory of whoever runs the tests.
  XDG_CACHE_HOME="$(cd "$dir" && pwd)/test-cache" ctest --test-dir "$dir" --no-tests=error --output-on-failure -j "$jobs" \
    --output-junit "$dir/ctest-results.xml" "$@"
}

case ${1:-} in
  demo)
    install_missing "${build_packages[@]}"
    configure_and_build -DAVCSIFT_BUILD_TESTS=OFF
    [[ $configure_only == 1 ]] && exit 0
    "$build/src/avcsift" allow -m plone "$here/testdata/audit-logs/plone-cycle-1.log"
    ;;
  test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    # Every option the Release stage depends on is set here, so a cache left
    # by `demo` (tests off) or by hand (sanitizers, fuzzing) cannot change it.
    configure_and_build -DAVCSIFT_WERROR=ON -DAVCSIFT_BUILD_TESTS=ON -DAVCSIFT_SANITIZE=OFF \
      -DAVCSIFT_FUZZ=OFF
    if [[ $configure_only == 1 ]]; then
      ctest --test-dir "$build" -N --no-tests=error
      exit 0
    fi
    run_ctest "$build"

    # The unit tests under AddressSanitizer and UBSan, in their own build
    # directory; only the unit test binaries (and what they need) are built.
    # Debug, without -Werror: GCC's optimizer with -fsanitize warns falsely
    # inside libstdc++ (<regex>); the Release build above enforces warnings.
    asan=${ASAN_BUILD_DIR:-$here/build-asan}
    cmake -S "$here" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAVCSIFT_WERROR=OFF \
      -DAVCSIFT_SANITIZE=ON -DAVCSIFT_BUILD_TESTS=ON
    mapfile -t unit_targets < <(cmake --build "$asan" --target help | grep -o '^unit_[A-Za-z0-9_]*' | sort -u)
    cmake --build "$asan" -j "$jobs" --target "${unit_targets[@]}"
    run_ctest "$asan" -L unit

    # libFuzzer targets (clang) and their smoke run: ~15 s per target, plus
    # every input of testdata/fuzz-regressions replayed. Long runs:
    # tests/fuzz/run-long.sh.
    fuzz=${FUZZ_BUILD_DIR:-$here/build-fuzz}
    cmake -S "$here" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAVCSIFT_WERROR=ON \
      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DAVCSIFT_FUZZ=ON -DAVCSIFT_BUILD_TESTS=OFF
    cmake --build "$fuzz" -j "$jobs" --target avcsift_fuzzers
    run_ctest "$fuzz" -L fuzz
    ;;
  *)
    echo "usage: scripts/dev.sh demo|test" >&2
    exit 2
    ;;
esac
