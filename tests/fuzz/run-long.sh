#!/usr/bin/env bash
# Long fuzzing runs, beyond the ~15 s smoke run of the test suite.
#
#   tests/fuzz/run-long.sh [BUILD_DIR] [TARGET|all] [SECONDS] [JOBS]
#
#   BUILD_DIR  a build directory configured with -DAVCSIFT_FUZZ=ON and clang
#              (default: build-fuzz; configured and built here when missing)
#   TARGET     normalizer, events, emit, pipeline or all (default: all)
#   SECONDS    per target (default: 3600)
#   JOBS       parallel fuzzing processes per target (default: nproc)
#
# The corpus of each target lives in BUILD_DIR/tests/fuzz/corpus-TARGET, seeded
# from testdata/audit-logs and kept between runs. Crashes, leaks and timeouts
# are written to BUILD_DIR/tests/fuzz/artifacts-TARGET/. For each one:
#   1. reproduce it:  BUILD_DIR/tests/fuzz/fuzz_TARGET ARTIFACT
#   2. copy it to testdata/fuzz-regressions/TARGET/ under a name saying what
#      broke (e.g. stamp-without-serial.crash); the test suite replays it
#      (ctest -L fuzz in the fuzz build, and `cli: every fuzz regression input
#      runs through allow without a crash` in every build);
#   3. fix the bug with the smallest clear change.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$here/build-fuzz}
which=${2:-all}
seconds=${3:-3600}
jobs=${4:-$(nproc)}
targets=(normalizer events emit pipeline headers)
[[ $which == all ]] || targets=("$which")

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DAVCSIFT_FUZZ=ON -DAVCSIFT_BUILD_TESTS=OFF
fi
cmake --build "$build" --target avcsift_fuzzers

status=0
for target in "${targets[@]}"; do
  dir=$build/tests/fuzz
  corpus=$dir/corpus-$target artifacts=$dir/artifacts-$target seeds=$dir/corpus-$target-seeds
  mkdir -p "$corpus" "$artifacts" "$seeds"
  find "$here/testdata/audit-logs" -name '*.log' -type f -exec cp -f {} "$seeds/" \;
  echo "== fuzz_$target for ${seconds}s with $jobs jobs (artifacts: $artifacts)"
  "$dir/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -jobs="$jobs" -workers="$jobs" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$corpus" "$seeds" || status=1
done
exit $status
