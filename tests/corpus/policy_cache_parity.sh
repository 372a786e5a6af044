#!/usr/bin/env bash
# The policy cache changes nothing but speed: `avcsift why -p POLICY` prints the
# same bytes on every corpus log whether it reads the policy itself
# (AVCSIFT_POLICY_CACHE=off), writes its slim copy (first run on an empty cache)
# or reads that copy (second run). Also checks that the copy was written, in a
# directory only its owner may enter.
#
# Usage: policy_cache_parity.sh AVCSIFT SHARED_DIR POLICY_NAME
# POLICY_NAME: debian, fedora or fedora-container (corpus_policy.sh).
# Exits 77 (skipped) when the shared corpus is absent.
set -euo pipefail
avcsift=$1 shared=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=corpus_policy.sh
source "$here/corpus_policy.sh"
corpus_policy "$shared" "$3"
logs=(audit2allow-test sepolgen-audit sepolgen-audit-txt sepolgen-httpd sepolgen-short)
if [[ ! -f $policy || ! -f $shared/corpus/logs/sepolgen-httpd.log ]]; then
  echo "SKIP: reference corpus not found under $shared (set -DAVCSIFT_SHARED_DIR)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for name in "${logs[@]}"; do
  log=$shared/corpus/logs/$name.log
  rm -rf "$work/cache"
  AVCSIFT_POLICY_CACHE=off "$avcsift" why -p "$policy" "$log" > "$work/plain" 2>&1 || true
  XDG_CACHE_HOME=$work/cache "$avcsift" why -p "$policy" "$log" > "$work/writing" 2>&1 || true
  copies=("$work"/cache/avcsift/policy-*.slim)
  if [[ ! -f ${copies[0]} ]]; then
    echo "FAIL: no slim copy in $work/cache/avcsift after the first run ($name)"
    status=1
  elif [[ $(stat -c %a "$work/cache/avcsift") != 700 ]]; then
    echo "FAIL: the cache directory is $(stat -c %a "$work/cache/avcsift"), not 700"
    status=1
  fi
  XDG_CACHE_HOME=$work/cache "$avcsift" why -p "$policy" "$log" > "$work/reading" 2>&1 || true
  for run in writing reading; do
    if ! cmp -s "$work/plain" "$work/$run"; then
      echo "FAIL: why -p $(basename "$policy") $name.log differs when $run the slim copy:"
      diff "$work/plain" "$work/$run" | head -20
      status=1
    fi
  done
  [[ -s $work/plain ]] || { echo "FAIL: why printed nothing on $name.log"; status=1; }
done
[[ $status -eq 0 ]] && echo "ok: why -p $(basename "$policy") prints the same with and without the cache on ${#logs[@]} logs"
exit $status
