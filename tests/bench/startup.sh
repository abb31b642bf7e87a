#!/usr/bin/env bash
# startup.sh: what one whole `carecap` process costs, start to exit: the median wall time of 20 runs of
# `carecap --version` (starting alone) and of `carecap explain` of a five-year history under reform.rules
# (examples/england/five-years.json), in milliseconds (docs/benchmarks.md, "Starting the program").
# A benchmark: it prints figures and asserts nothing about time. It does check that every run succeeded.
#
#   tests/bench/startup.sh [BUILD_DIR] [RUNS]     (defaults: ./build, 20)
set -euo pipefail
build=${1:-build}
runs=${2:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
carecap=$build/carecap
if [[ ! -x "$carecap" ]]; then
    echo "startup.sh: no program at $carecap (build it first, or give the build directory)" >&2
    exit 2
fi

# median_ms COMMAND...: runs COMMAND $runs times (output discarded) and prints the median wall time in
# milliseconds, to two decimals; the clock is read in nanoseconds around each run.
median_ms() {
    local times=() start end
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        "$@" > /dev/null
        end=$(date +%s%N)
        times+=($((end - start)))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    local middle
    if ((runs % 2)); then
        middle=$(sed -n "$((runs / 2 + 1))p" <<< "$sorted")
    else
        # The mean of the two middle runs.
        middle=$(( ($(sed -n "$((runs / 2))p" <<< "$sorted") + $(sed -n "$((runs / 2 + 1))p" <<< "$sorted")) / 2 ))
    fi
    printf '%d.%02d ms\n' $((middle / 1000000)) $(((middle / 10000) % 100))
}

history="$root/examples/england/five-years.json"
rules="$root/rules/england/reform.rules"
"$carecap" explain --rules "$rules" "$history" > /dev/null # once before timing: the files are then cached
echo "carecap --version:                                   median of $runs: $(median_ms "$carecap" --version)"
echo "carecap explain (reform.rules, five-years.json):     median of $runs: $(median_ms "$carecap" explain --rules "$rules" "$history")"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
