// residence.h: runs of permanent residence in a care history, for the property rules.
//
// The 12-week property disregard runs from the first day of permanent residence however
// many care periods (fee changes, moves between homes) follow, and the 52-week rule looks at
// the residence before that (Care and Support (Charging and Assessment of Resources)
// Regulations 2014, Schedule 2, paragraph 2). A care history records care periods, so the
// residence is worked out from them here.
#pragma once

#include "runtime/history/history.h"

#include <optional>

namespace carecap {

// A stretch of permanent residence: consecutive care periods (each starting the day after the
// one before ends) with the same setting word and residence "permanent".
struct ResidenceRun {
    Date from;               // the first day of the run
    std::optional<Date> to;  // the last day, none while it goes on
};

// The run that care period `period` (one of history.care_periods) belongs to, up to and
// including that period; none if the period is not a permanent stay. Where the run begins
// with the history's first care period and the history gives permanent_residence_from,
// the run begins on that day.
std::optional<ResidenceRun> permanent_run_to(const History& history, const CarePeriod& period);

// The latest run of permanent residence in the same setting that ended before the run of
// `period` began; none if there is none, or if `period` is not a permanent stay.
std::optional<ResidenceRun> earlier_permanent_run(const History& history, const CarePeriod& period);

} // namespace carecap
