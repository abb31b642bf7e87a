// show.h: a value of the language as a person reads it. It needs the rule set
// for the names of an enumeration's members; amounts are worded by stdlib/format.h.
#pragma once

#include "stdlib/format.h"
#include "stdlib/types.h"
#include "stdlib/value.h"

#include <string>

namespace carecap {

struct RuleSet;

// "£500.00 per week", "2023-10-01", "residential", "84 days".
std::string show(const Value& v, const Type& t, const RuleSet* rules);

} // namespace carecap
