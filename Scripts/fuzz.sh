#!/usr/bin/env bash
# Coverage-guided fuzzing of roster's readers of untrusted files with libFuzzer (Swift's -sanitize=fuzzer),
# under AddressSanitizer. Usage: Scripts/fuzz.sh [TARGET|all] [SECONDS per target]
#   targets: csv, scenario, roster, nrp (Sources/RosterFuzz/FuzzTargets.swift)
# The committed corpus Tests/Fuzz/corpus/<target>/ seeds each run (read-only: new inputs go to a scratch
# corpus). An input that crashes is saved as Tests/Fuzz/findings/<target>-crash-*; fix the bug, then move
# it into Tests/Fuzz/corpus/<target>/ so that LibFuzzerCorpusTests replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-all}"
seconds="${2:-60}"
scratch=.build-fuzz
swift build --product roster-fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DROSTER_FUZZING 2>&1 | grep -v "Cannot export local symbol" | tail -3
binary="$scratch/debug/roster-fuzz"
mkdir -p Tests/Fuzz/findings
targets=("$target")
[ "$target" = all ] && targets=(csv scenario roster nrp)
status=0
for t in "${targets[@]}"; do
    work="$scratch/corpus-$t"
    mkdir -p "$work"
    echo "fuzzing $t for $seconds s"
    if ! ROSTER_FUZZ_TARGET="$t" "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="Tests/Fuzz/findings/$t-" -print_final_stats=1 "$work" "Tests/Fuzz/corpus/$t" 2> "$scratch/fuzz-$t.log"; then
        echo "FAILED: $t (see $scratch/fuzz-$t.log and Tests/Fuzz/findings/)"
        tail -40 "$scratch/fuzz-$t.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|cov:" "$scratch/fuzz-$t.log" | tail -2
    fi
done
exit $status
