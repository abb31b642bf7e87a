// check_expectations.h: the parts of `expect statement ...` and `expect projection ...` that the
// checker can judge before any history is read. Part of phase 3, the checker.
#pragma once

#include "lang/check_units.h"
#include "lang/rule_set.h"

#include <optional>

namespace carecap {

// The items of a statement an example may expect (004, 3.7), and of a projection's result.
struct ExpectedItem {
    const char* name;
    Type type;
};
const std::vector<ExpectedItem>& statement_items();
const std::vector<ExpectedItem>& projection_figures();

// Reports what is wrong with a statement or projection expectation (no statements declared, an
// item that is not one, no such projection or meter, weeks or age out of range) and gives the
// type its expected value must have, when it has one.
std::optional<Type> check_statement_or_projection(const Expectation& x, const RuleSet& rules, const Report& error);

} // namespace carecap
