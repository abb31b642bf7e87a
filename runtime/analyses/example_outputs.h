// example_outputs.h: the expectations of `carecap test` about what carecap issues from a history
// rather than what the rules work out on a day: a statement on the schedule, and a projection from
// the history's position on a day (docs/language.md, "Expecting a statement or a projection").
#pragma once

#include "lang/ast.h"
#include "runtime/evaluation/account.h"

#include <string>
#include <vector>

namespace carecap {

// Each appends one rendered failure (file:line:col, the line, a caret) for an unmet expectation.
// A rule error while working out the expected value or the projection throws EvalError.
void check_statement_expectation(const Expectation& x, const Account& account, std::vector<std::string>& failures);
void check_projection_expectation(const Expectation& x, const Account& account, std::vector<std::string>& failures);

} // namespace carecap
