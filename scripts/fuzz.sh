#!/usr/bin/env bash
# Fuzzes every libFuzzer target of the `fuzz` preset (build/fuzz/bin/fuzz_*) for SECONDS each
# (default 600), one after the other, with ASan + UBSan. Each target starts from its generated
# seed corpus (build/fuzz/fuzz-corpus/<name>), copied to a temporary directory so that neither
# the repository nor the build tree's seeds change, and uses its generated dictionary.
#   scripts/fuzz.sh            # the long run: 10 minutes per target
#   scripts/fuzz.sh 30         # the smoke run of scripts/test.sh
#   scripts/fuzz.sh 600 fuzz_record   # one target
# A crash, sanitizer report, failed oracle check, timeout (>30 s for one input) or out-of-memory
# fails the run; the input is kept in build/fuzz/artifacts/<target>/ and the script prints how
# to reproduce it. Turn it into a regression: docs/fuzzing.md. Exit status: 0 when no target
# found anything.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
case "$seconds" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;; esac

cmake --preset fuzz >/dev/null && cmake --build --preset fuzz || { echo "fuzz: build failed"; exit 1; }

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for bin in build/fuzz/bin/fuzz_*; do targets+=("$(basename "$bin")"); done
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

failed=0
for target in "${targets[@]}"; do
  bin="build/fuzz/bin/$target"
  name="${target#fuzz_}"
  seeds="build/fuzz/fuzz-corpus/$name"
  if [ ! -x "$bin" ] || [ ! -d "$seeds" ]; then
    echo "fuzz: $target: no binary $bin or no seeds $seeds"; failed=$((failed + 1)); continue
  fi
  corpus="$work/$name"
  artifacts="build/fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  cp -r "$seeds/." "$corpus/"
  dict=()
  [ -f "build/fuzz/fuzz-corpus/$name.dict" ] && dict=("-dict=build/fuzz/fuzz-corpus/$name.dict")
  echo "fuzz: $target for $seconds s ($(ls "$corpus" | wc -l) seeds)"
  log="$work/$target.log"
  "$bin" "${dict[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
  rc=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  cov="$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' || true)"
  if [ $rc -eq 0 ]; then
    echo "fuzz: $target: ${runs:-?} executions in $seconds s, no crash ($cov)"
  else
    failed=$((failed + 1))
    echo "fuzz: $target FAILED (exit $rc) after ${runs:-?} executions; last lines of its log:"
    tail -n 60 "$log"
    for a in $(grep -oE "Test unit written to [^ ]+" "$log" | awk '{print $5}'); do
      echo "fuzz: input kept in $a; reproduce with: $bin $a"
    done
  fi
done
echo "fuzz: ${#targets[@]} targets, $failed failed"
[ $failed -eq 0 ]
