// check.h: phase 3, types, units, names, dates in force and conflicts, all
// found before anything is evaluated.
#pragma once

#include "lang/rule_set.h"

namespace carecap {

// Checks every declaration of `rules` (after merge_names) and annotates the
// syntax tree with types and references. Reports every error, not only the first.
void check_rule_set(RuleSet& rules, const LoadOptions& options, Diagnostics& diagnostics);

} // namespace carecap
