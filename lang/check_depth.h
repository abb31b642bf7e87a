// check_depth.h: definitions that depend on themselves, and chains of definitions too deep to
// work out (the limit evaluation_depth).
#pragma once

#include "lang/rule_set.h"

namespace carecap {

// Reports each definition that uses its own value, through any chain of others, and each point where
// working a definition out would nest more than `limit` levels deep: the levels of an expression, and
// through each definition it uses, that definition's levels too. The evaluator, the explainer and
// lang/reads.cpp follow definitions by native recursion, so this bound is what keeps their stack
// bounded. Never recurses natively over definitions itself.
void check_definition_depth(const RuleSet& rules, std::size_t limit, Diagnostics& diagnostics);

} // namespace carecap
