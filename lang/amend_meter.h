// amend_meter.h: `amend meter NAME`, one clause of a meter restated in an amending file.
#pragma once

#include "lang/rule_set.h"

namespace carecap {

// For each `amend meter` of `file` (merged after the files it amends): checks that the meter exists in
// the rule set amended and has each clause restated, then puts a meter made of the restated clauses
// and the inherited ones in its place (in rules.meters and rules.meter_order; owned by
// rules.amended_meters). Types are checked later, as for any meter.
void apply_meter_amendments(RuleSet& rules, const RuleFile& file, Diagnostics& diagnostics);

} // namespace carecap
