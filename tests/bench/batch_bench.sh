#!/usr/bin/env bash
# batch_bench.sh: throughput of `carecap batch` on the generator's caseload under reform.rules,
# at -j 1 and -j 2: histories per second and person-weeks per second (docs/benchmarks.md).
# A benchmark: it prints figures and asserts nothing about time. It does check that the two runs
# wrote byte-identical results, since a fast wrong answer is no answer.
#
#   tests/bench/batch_bench.sh [COUNT] [BUILD_DIR]     (defaults: 2000 histories, ./build)
set -euo pipefail
count=${1:-2000}
build=${2:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
carecap=$build/carecap
weeks_tool=$build/tests/bench/carecap_reform_bench
work=$(mktemp -d /tmp/carecap_batch_bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$carecap" generate --seed 1 --count "$count" --out "$work/caseload.jsonl"
# Person-weeks: for each history, the days from its first day of care to its horizon, over 7.
read -r histories person_weeks < <("$weeks_tool" weeks "$work/caseload.jsonl")
echo "caseload: seed 1, $histories histories, $person_weeks person-weeks, $(wc -c < "$work/caseload.jsonl") bytes"

# rate PER_SECOND_OF AMOUNT NANOSECONDS: AMOUNT / seconds, to one decimal, in integers only.
rate() { local tenths=$(( $1 * 10000000000 / $2 )); echo "$(( tenths / 10 )).$(( tenths % 10 ))"; }

# centiseconds "12.34" -> 1234, for /usr/bin/time's figures.
centis() { local whole=${1%.*} frac=${1#*.}; echo $(( 10#$whole * 100 + 10#$frac )); }

for jobs in 1 2; do
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$work/time.$jobs" \
        "$carecap" batch --rules "$root/rules/england/reform.rules" "$work/caseload.jsonl" -j "$jobs" \
        --out "$work/results.$jobs.jsonl" 2> "$work/summary.$jobs"
    ns=$(( $(date +%s%N) - start ))
    read -r user sys < "$work/time.$jobs"
    cpu_ns=$(( ($(centis "$user") + $(centis "$sys")) * 10000000 ))
    echo "-j $jobs: $(( ns / 1000000 )) ms elapsed, $(rate "$histories" "$ns") histories/s, $(rate "$person_weeks" "$ns") person-weeks/s"
    echo "      $(( cpu_ns / 1000000 )) ms of processor time, $(rate "$histories" "$cpu_ns") histories and $(rate "$person_weeks" "$cpu_ns") person-weeks per processor-second"
    sed 's/^/      /' "$work/summary.$jobs"
done
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
cmp "$work/results.1.jsonl" "$work/results.2.jsonl" && echo "-j 1 and -j 2 results are byte-identical"
