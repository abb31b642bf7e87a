// caseload_totals.h: a caseload of care histories evaluated under one or more rule sets, boiled down to its
// totals: what a sweep over a rule parameter reports for a caseload (docs/sweep.md).
#pragma once

#include "lang/rule_set.h"
#include "runtime/history/history.h"

#include <string>
#include <vector>

namespace carecap {

struct CaseloadTotals {
    std::size_t people = 0, reached = 0;  // histories, and those whose primary meter reached its ceiling
    Decimal metered;                      // the primary meters' totals, added up
};

struct CaseloadRun {
    std::vector<CaseloadTotals> totals;  // by rule set, in the order given
    std::vector<std::string> errors;     // the first failing history of each rule set
};

// Evaluates every history under every rule set, `threads` at a time (without statements: only the meters are
// needed); the totals are exact sums, so they are the same whatever the number of threads.
CaseloadRun run_caseload(const std::vector<const RuleSet*>& rules, const std::vector<History>& histories,
                         unsigned threads);

} // namespace carecap
