#!/usr/bin/env bash
# identical.sh: do two carecap programs give byte-identical results? For work that must change speed and
# nothing else (docs/benchmarks.md). Builds nothing: give it the program from before the change and the
# one after. It runs `carecap batch` with each over
#   - N generated histories (`carecap generate --seed 1 --count N`, written by the BEFORE program), and
#   - every history under examples/ (as one caseload of JSON lines),
# under every rule file in rules/, in full JSON and with --figures person_pays where the rules have that
# output, and under the reform with the authorities' registry; then the common workload (tests/bench/workload.py, 200 people) under tests/bench/workload.rules
# if BEFORE can read that file (it needs `accrues by whole weeks`). Exits 1 at the first difference.
#
#   tests/bench/identical.sh BEFORE AFTER [N]      (N defaults to 1000)
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 BEFORE_CARECAP AFTER_CARECAP [N]" >&2
    exit 2
fi
before=$1
after=$2
count=${3:-1000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/carecap_identical.XXXXXX)
# Rules found by name (a council's `amends england.current`) are looked up on the rules path, which each
# program otherwise takes from its own source tree: both are pointed at this tree's rules, so that the
# results name the same files.
export CARECAP_RULES_PATH=$root/rules
trap 'rm -rf "$work"' EXIT

"$before" generate --seed 1 --count "$count" --out "$work/generated.jsonl"
# Each example history on one line (histories only: files that are not a care history are left out).
find "$root/examples" -name '*.json' | sort | python3 -c '
import json, sys
for path in sys.stdin.read().split():
    try:
        doc = json.load(open(path))
    except ValueError:
        continue
    if isinstance(doc, dict) and "carecap_history" in doc:
        print(json.dumps(doc, separators=(",", ":")))
' > "$work/examples.jsonl"
echo "caseloads: $count generated histories, $(wc -l < "$work/examples.jsonl") example histories"

compared=0
# compare NAME ARGS...: batch with each program, the results and the summary line's figures (not its time).
compare() {
    local name=$1
    shift
    "$before" batch "$@" -j 2 --out "$work/before.out" 2> "$work/before.err" || true
    "$after" batch "$@" -j 2 --out "$work/after.out" 2> "$work/after.err" || true
    if ! cmp -s "$work/before.out" "$work/after.out"; then
        echo "DIFFERENT: $name (batch $*)"
        cmp "$work/before.out" "$work/after.out" | head -1
        exit 1
    fi
    # The summary line ends with its time and memory: compare what comes before them.
    if [ "$(sed 's/, [0-9.]* s.*//' "$work/before.err")" != "$(sed 's/, [0-9.]* s.*//' "$work/after.err")" ]; then
        echo "DIFFERENT summary: $name"
        diff "$work/before.err" "$work/after.err" | head -4
        exit 1
    fi
    compared=$((compared + 1))
    echo "same: $name ($(wc -l < "$work/after.out") lines, $(wc -c < "$work/after.out") bytes)"
}

# has_output RULES NAME: the rules (with any they amend) declare the output NAME.
: > "$work/empty.jsonl"
has_output() { "$before" batch --rules "$1" --figures "$2" "$work/empty.jsonl" --out /dev/null 2> /dev/null; }

for rules in $(find "$root/rules" -name '*.rules' | sort); do
    short=${rules#"$root"/}
    for caseload in generated examples; do
        compare "$short $caseload" --rules "$rules" "$work/$caseload.jsonl"
        if has_output "$rules" person_pays; then
            compare "$short $caseload --figures person_pays" --rules "$rules" "$work/$caseload.jsonl" --figures person_pays
        fi
    done
done
# Rules chosen by each person's authority through the registry (results then list their rule sets).
for caseload in generated examples; do
    compare "rules/england/reform.rules --registry rules/authorities.json $caseload" --rules "$root/rules/england/reform.rules" \
        --registry "$root/rules/authorities.json" "$work/$caseload.jsonl"
done
if "$before" check "$root/tests/bench/workload.rules" > /dev/null 2>&1; then
    python3 "$root/tests/bench/workload.py" histories 200 > "$work/workload.jsonl"
    compare "tests/bench/workload.rules workload" --rules "$root/tests/bench/workload.rules" "$work/workload.jsonl"
else
    echo "skipped: tests/bench/workload.rules (the BEFORE program cannot read it)"
fi
echo "all $compared comparisons byte-identical"
