// check_exceptions.h: finding exceptions to one definition that can apply at once.
#pragma once

#include "lang/rule_set.h"

namespace carecap {

// For each pair of exceptions to the same definition, looks for a circumstance
// in which both conditions hold; reports one with an example if found.
void check_exception_conflicts(const RuleSet& rules, Diagnostics& diagnostics);

} // namespace carecap
