#!/usr/bin/env bash
# workload.sh: the common speed workload (docs/benchmarks.md): `carecap batch` over N people x WEEKS weeks
# under tests/bench/workload.rules at -j 1 and -j 2, whole process, in person-weeks a second; then the
# three checksums read from each run's results against the reference (tests/bench/workload.py). A benchmark:
# it asserts nothing about time, but exits 1 if a run's checksums differ from the reference.
#
#   tests/bench/workload.sh [N] [WEEKS] [BUILD_DIR] [BATCH_OPTIONS...]
#   (defaults: 100000 people, 260 weeks, ./build; e.g. `... 100000 260 build --compact --figures person_pays`)
# WORKLOAD_RULES=FILE runs another rule file over the same caseload (to time a program that cannot read
# `accrues by whole weeks`: its checksums then differ, and the script says so).
set -euo pipefail
count=${1:-100000}
weeks=${2:-260}
build=${3:-build}
shift $(( $# < 3 ? $# : 3 ))
root=$(cd "$(dirname "$0")/../.." && pwd)
carecap=$build/carecap
rules=${WORKLOAD_RULES:-$root/tests/bench/workload.rules}
work=$(mktemp -d /tmp/carecap_workload.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 "$root/tests/bench/workload.py" histories "$count" "$weeks" > "$work/caseload.jsonl"
reference=$(python3 "$root/tests/bench/workload.py" reference "$count" "$weeks")
person_weeks=$(( count * weeks ))
echo "workload: $count people x $weeks weeks = $person_weeks person-weeks, $(wc -c < "$work/caseload.jsonl") bytes"
echo "reference: $reference"

# rate AMOUNT NANOSECONDS: AMOUNT a second, to one decimal, in integers only.
rate() { local tenths=$(( $1 * 10000000000 / $2 )); echo "$(( tenths / 10 )).$(( tenths % 10 ))"; }

status=0
declare -A took # nanoseconds by number of jobs, for the scaling ratio
for jobs in 1 2; do
    start=$(date +%s%N)
    "$carecap" batch --rules "$rules" "$work/caseload.jsonl" -j "$jobs" \
        --out "$work/results.$jobs" "$@" 2> "$work/summary.$jobs"
    ns=$(( $(date +%s%N) - start ))
    took[$jobs]=$ns
    echo "-j $jobs $*: $(( ns / 1000000 )) ms, $(rate "$person_weeks" "$ns") person-weeks/s, $(wc -c < "$work/results.$jobs") bytes of results"
    sed 's/^/      /' "$work/summary.$jobs"
    got=$(python3 "$root/tests/bench/workload.py" checksums "$work/results.$jobs" 2>&1) || true
    if [ "$got" = "$reference" ]; then
        echo "      checksums equal the reference"
    else
        echo "      CHECKSUMS DIFFER: $got"
        status=1
    fi
done
# Throughput at -j 2 over throughput at -j 1: 2.0 would be perfect scaling on two processors.
hundredths=$(( took[1] * 100 / took[2] ))
printf 'scaling, throughput at -j 2 / at -j 1: %d.%02d\n' $(( hundredths / 100 )) $(( hundredths % 100 ))
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
exit $status
