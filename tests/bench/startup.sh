#!/usr/bin/env bash
# startup.sh: what one whole `carecap` process costs, start to exit: the median wall time of 20 runs of
# `carecap --version` (starting alone) and of `carecap explain` of a five-year history under reform.rules
# (examples/england/five-years.json), in milliseconds (docs/benchmarks.md, "Starting the program").
# Beside each median, the processor time (user + system) of one run, on average: on a machine shared with
# other work the wall clock also counts the time the others had the processor, the processor time does not.
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

# children_cpu_ms: sets cpu_ms to the processor time (user + system) of every finished child of this shell
# so far, in milliseconds, from the second line of bash's `times` ("0m1.234s 0m0.056s"). `times` writes to a
# file, not a pipe: in a pipe or $(...) it would run in a subshell and see that subshell's children.
scratch=$(mktemp /tmp/carecap_startup.XXXXXX)
trap 'rm -f "$scratch"' EXIT
children_cpu_ms() {
    local user sys
    times > "$scratch"
    { read -r _; read -r user sys; } < "$scratch"
    cpu_ms=$(( $(seconds_to_ms "$user") + $(seconds_to_ms "$sys") ))
}
seconds_to_ms() { # 1m2.345s -> 62345
    local minutes=${1%%m*} rest=${1#*m}
    rest=${rest%s}
    echo $(( 10#$minutes * 60000 + 10#${rest%.*} * 1000 + 10#${rest#*.} ))
}

# median_ms COMMAND...: runs COMMAND $runs times (output discarded) and prints the median wall time in
# milliseconds, to two decimals (bash's clock in microseconds, read around each run without starting
# another process), and the mean processor time of a run.
median_ms() {
    local times=() start end cpu_before
    children_cpu_ms
    cpu_before=$cpu_ms
    for ((i = 0; i < runs; i++)); do
        start=${EPOCHREALTIME/./}
        "$@" > /dev/null
        end=${EPOCHREALTIME/./}
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
    children_cpu_ms
    local cpu_us=$(( (cpu_ms - cpu_before) * 1000 / runs ))
    printf '%d.%02d ms wall; %d.%02d ms of processor a run\n' $((middle / 1000)) $(((middle / 10) % 100)) \
        $((cpu_us / 1000)) $(((cpu_us / 10) % 100))
}

history="$root/examples/england/five-years.json"
rules="$root/rules/england/reform.rules"
"$carecap" explain --rules "$rules" "$history" > /dev/null # once before timing: the files are then cached
echo "carecap --version:                                   median of $runs: $(median_ms "$carecap" --version)"
echo "carecap explain (reform.rules, five-years.json):     median of $runs: $(median_ms "$carecap" explain --rules "$rules" "$history")"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
