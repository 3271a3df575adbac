#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz/*_fuzz.cpp, CMake option MOTCUA_FUZZ with clang++)
# and runs each for N seconds (default 30), two at a time.
#   tools/fuzz.sh 30                 all targets
#   tools/fuzz.sh 60 procedure_fuzz  some targets
# Environment: FUZZ_BUILD_DIR (default <repo>/build-fuzz), CXX (default clang++), FUZZ_JOBS (2).
# Seeds (tests/fuzz/corpus/<name>/) are read, never written: new inputs go to
# $FUZZ_BUILD_DIR/corpus/<name>, crash reproducers to $FUZZ_BUILD_DIR/artifacts/<name>/.
# Dictionaries of nasty tokens: tests/fuzz/dict/ (cccd_qr.dict for the QR, json.dict for the rest).
# Replay a crash: $FUZZ_BUILD_DIR/<name>_fuzz $FUZZ_BUILD_DIR/artifacts/<name>/crash-...
set -euo pipefail

seconds="${1:-30}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
cxx="${CXX:-clang++}"
jobs="${FUZZ_JOBS:-2}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
echo "building the fuzz targets in $build"
mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DMOTCUA_FUZZ=ON -DMOTCUA_BENCH=OFF "${launcher[@]}" >"$build/configure.log" 2>&1 ||
    { tail -n 40 "$build/configure.log"; exit 1; }
cmake --build "$build" --target fuzzers -j "$jobs" >"$build/build.log" 2>&1 ||
    { grep -E -A8 'error|FAILED' "$build/build.log" | head -n 60; exit 1; }

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cd "$root/tests/fuzz" && ls ./*_fuzz.cpp | sed 's|^\./||; s|\.cpp$||')
fi

# One target: run, then print one summary line; non-zero on a crash or a sanitizer report.
run_one() {
    local target="$1" name="${1%_fuzz}"
    local corpus="$build/corpus/$name" artifacts="$build/artifacts/$name" log="$build/$target.log"
    local dict="$root/tests/fuzz/dict/json.dict" max_len=16384
    if [ "$name" = cccd_qr ]; then dict="$root/tests/fuzz/dict/cccd_qr.dict"; max_len=2048; fi
    mkdir -p "$corpus" "$artifacts"
    local status=0
    "$build/$target" "$corpus" "$root/tests/fuzz/corpus/$name" -dict="$dict" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    local executions crashes
    executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    crashes="$(find "$artifacts" -maxdepth 1 -type f | wc -l)"
    printf '%-20s %10s executions in %ss, %s crash files\n' "$target" "${executions:-?}" "$seconds" "$crashes"
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        tail -n 40 "$log"
        return 1
    fi
}

failed=0
pids=()
for target in "${targets[@]}"; do
    run_one "$target" &
    pids+=("$!")
    if [ "${#pids[@]}" -ge "$jobs" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] && echo "fuzzing: no crash in ${#targets[@]} targets" || echo "fuzzing: FAILED (see above)"
exit "$failed"
