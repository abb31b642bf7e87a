// timeline.h: cutting a history's span into stretches at every date where an
// input or a parameter changes. The number of stretches grows with the number
// of changes, never with the length of the history.
#pragma once

#include "lang/rule_set.h"
#include "runtime/evaluation/account.h"
#include "runtime/history/history.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carecap {

// Every date on which something the rules can see may change.
std::vector<Date> change_dates(const RuleSet& rules, const History& history);

// The stretches from `first` to `last` (inclusive), cut at each of `cuts`.
std::vector<Stretch> cut_timeline(Date first, Date last, const std::vector<Date>& cuts);

// Adds the dates the rules compare `today` with (worked out on each stretch)
// and cuts again. Returns the final stretches. `boundary_days`, when given, gets every
// day on which a comparison with `today` may change its answer (each such date and the
// day after it), with the boundary's position in RuleSet::boundaries, in order: on any
// other first day of a stretch, no comparison with that boundary can.
using BoundaryDay = std::pair<Date, std::uint32_t>;
std::vector<Stretch> cut_at_boundaries(const RuleSet& rules, const History& history, std::vector<Stretch> stretches,
                                       std::vector<Date> cuts, std::vector<BoundaryDay>* boundary_days = nullptr);

} // namespace carecap
