// timeline.h: cutting a history's span into stretches at every date where an
// input or a parameter changes. The number of stretches grows with the number
// of changes, never with the length of the history.
#pragma once

#include "lang/rule_set.h"
#include "runtime/account.h"
#include "runtime/history.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carecap {

// The part of the history state (inputs.h's HistoryState) an input of the history is read from.
enum class InputSource : std::uint8_t {
    history = 0,          // the person and the requests: the same on every day
    care_period = 1,      // the care period in force
    assessment = 2,       // the financial assessment in force
    eligibility = 4,      // the eligibility decision in force
    authority = 8,        // the authority, after any moves
    adjustment = 16,      // the adjustment being considered
};
// Which part input `name` is read from (inputs.cpp); nothing for a name it does not know.
std::optional<InputSource> input_source(const std::string& name);

// Every date on which something the rules can see may change.
std::vector<Date> change_dates(const RuleSet& rules, const History& history);

// The stretches from `first` to `last` (inclusive), cut at each of `cuts`.
std::vector<Stretch> cut_timeline(Date first, Date last, const std::vector<Date>& cuts);

// Adds the dates the rules compare `today` with (worked out on each stretch)
// and cuts again. Returns the final stretches.
std::vector<Stretch> cut_at_boundaries(const RuleSet& rules, const History& history, std::vector<Stretch> stretches,
                                       std::vector<Date> cuts);

} // namespace carecap
