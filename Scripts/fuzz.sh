#!/usr/bin/env bash
# Coverage-guided fuzzing of roster's readers of untrusted files with libFuzzer (Swift's -sanitize=fuzzer),
# under AddressSanitizer. Usage: Scripts/fuzz.sh [TARGET|all] [SECONDS per target]
# FUZZ_RUNS=N (inputs per target instead of seconds) and FUZZ_SEED=N make a run repeatable (CI uses both).
#   targets: csv, scenario, roster, nrp, history (Sources/RosterFuzz/FuzzTargets.swift)
# The committed corpus Tests/Fuzz/corpus/<target>/ seeds each run (read-only: new inputs go to a scratch
# corpus). An input that crashes is saved as Tests/Fuzz/findings/<target>-crash-*; fix the bug, then move
# it into Tests/Fuzz/corpus/<target>/ so that LibFuzzerCorpusTests replays it from then on.
# Leak detection is off: TOMLKit's C layer leaks the strings and arrays it returns (tableGetKeys,
# nodeAsInt, nodeAsString …: a few KB per team.toml read, found by this fuzzer; harmless for a command
# that reads one team.toml per run), which LeakSanitizer would report on every input.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-all}"
seconds="${2:-60}"
scratch=.build-fuzz
swift build --product roster-fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DROSTER_FUZZING \
    -Xswiftc -enable-experimental-feature -Xswiftc Extern -Xswiftc -use-ld=lld 2>&1 | grep -v "Cannot export local symbol" | tail -3
binary="$scratch/debug/roster-fuzz"
mkdir -p Tests/Fuzz/findings
targets=("$target")
[ "$target" = all ] && targets=(csv scenario roster nrp history)
status=0
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
for t in "${targets[@]}"; do
    work="$scratch/corpus-$t"
    mkdir -p "$work"
    if [ -n "${FUZZ_RUNS:-}" ]; then echo "fuzzing $t: $FUZZ_RUNS inputs"; else echo "fuzzing $t: $seconds s"; fi
    limit=(-max_total_time="$seconds")
    [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
    [ -n "${FUZZ_SEED:-}" ] && limit+=(-seed="$FUZZ_SEED")
    if ! ROSTER_FUZZ_TARGET="$t" "$binary" "${limit[@]}" -detect_leaks=0 -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="Tests/Fuzz/findings/$t-" -print_final_stats=1 "$work" "Tests/Fuzz/corpus/$t" 2> "$scratch/fuzz-$t.log"; then
        echo "FAILED: $t (see $scratch/fuzz-$t.log and Tests/Fuzz/findings/)"
        tail -40 "$scratch/fuzz-$t.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|cov:" "$scratch/fuzz-$t.log" | tail -2
    fi
done
exit $status
