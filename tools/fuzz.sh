#!/usr/bin/env bash
# Builds the libFuzzer target for portal replies and runs it for N seconds (default 60).
#   tools/fuzz.sh 60
# Environment: FUZZ_BUILD_DIR (default <repo>/build-fuzz), CXX (default clang++).
# The seed corpus in tests/fuzz/corpus/portal_reply/ is read, never written: new inputs go to
# $FUZZ_BUILD_DIR/corpus/portal_reply, crash reproducers to $FUZZ_BUILD_DIR/artifacts/.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
cxx="${CXX:-clang++}"
binary="$build/portal_reply_fuzz"
work_corpus="$build/corpus/portal_reply"
artifacts="$build/artifacts"
log="$build/portal_reply_fuzz.log"

mkdir -p "$work_corpus" "$artifacts"

# The core sources the target needs, compiled directly: no CMake, so the sanitizer and
# coverage flags apply to exactly the code under test.
echo "building $binary"
"$cxx" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$root/app" \
    "$root/tests/fuzz/portal_reply_fuzz.cpp" \
    "$root/app/core/filing/portal_reply.cpp" \
    -lutf8proc -o "$binary"

echo "fuzzing for ${seconds}s (log: $log)"
status=0
"$binary" "$work_corpus" "$root/tests/fuzz/corpus/portal_reply" \
    -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?

executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)"
crashes="$(find "$artifacts" -maxdepth 1 -type f \
    \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)"

echo "${done_line:-no DONE line (see $log)}"
echo "executions: ${executions:-unknown}"
echo "crashes: $crashes (artifacts in $artifacts)"
if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    tail -n 40 "$log"
    exit 1
fi
