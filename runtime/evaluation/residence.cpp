// residence.cpp: runs of permanent residence, worked out from the care periods.
#include "runtime/evaluation/residence.h"

#include <cstddef>

namespace carecap {

namespace {

bool permanent(const CarePeriod& p) { return p.residence.word == permanent_residence_word; }

// Whether `later` continues `earlier`'s permanent residence without a day's gap.
bool continues(const CarePeriod& earlier, const CarePeriod& later) {
    return permanent(earlier) && earlier.setting.word == later.setting.word && earlier.end &&
           earlier.end->plus_days(1) == later.start;
}

// The index of the first care period of the run that ends with period `last` (which is permanent).
std::size_t run_start(const History& h, std::size_t last) {
    std::size_t first = last;
    while (first > 0 && continues(h.care_periods[first - 1], h.care_periods[first])) --first;
    return first;
}

std::size_t index_of(const History& h, const CarePeriod& period) {
    return static_cast<std::size_t>(&period - h.care_periods.data());
}

ResidenceRun run_of(const History& h, std::size_t first, std::size_t last) {
    ResidenceRun run{h.care_periods[first].start, h.care_periods[last].end};
    if (first == 0 && h.permanent_residence_from) run.from = *h.permanent_residence_from;
    return run;
}

} // namespace

std::optional<ResidenceRun> permanent_run_to(const History& history, const CarePeriod& period) {
    if (!permanent(period)) return std::nullopt;
    const std::size_t last = index_of(history, period);
    return run_of(history, run_start(history, last), last);
}

std::optional<ResidenceRun> earlier_permanent_run(const History& history, const CarePeriod& period) {
    if (!permanent(period)) return std::nullopt;
    // Periods are sorted by start and never overlap, so the latest earlier permanent period in
    // the same setting ends the run before this one.
    for (std::size_t i = run_start(history, index_of(history, period)); i-- > 0;) {
        const CarePeriod& p = history.care_periods[i];
        if (permanent(p) && p.setting.word == period.setting.word) return run_of(history, run_start(history, i), i);
    }
    return std::nullopt;
}

} // namespace carecap
