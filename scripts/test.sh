#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything and runs every test
# suite. Each stage runs even when an earlier one failed; the last line counts the stages as
# "stages: N passed, M failed" and the exit status is non-zero when any stage failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs

scripts/setup.sh || { echo "setup failed"; echo "stages: 0 passed, 1 failed"; exit 1; }

passed=0
failed=0
failed_names=()
stage() {
  local name="$1"; shift
  echo
  echo "=== stage: $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== stage $name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    echo "=== stage $name: FAILED ($((SECONDS - start)) s)"
  fi
}

native() {
  cmake --preset native >/dev/null && cmake --build --preset native &&
    ctest --preset native
}

stage native native

echo
if [ $failed -gt 0 ]; then echo "failed stages: ${failed_names[*]}"; fi
echo "stages: $passed passed, $failed failed"
[ $failed -eq 0 ]
