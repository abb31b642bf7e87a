// explain_steps.h: a worked expression written out for a reader, its operands
// substituted level by level, and the facts a condition rested on.
#pragma once

#include "runtime/evaluation/evaluate.h"

#include <string>
#include <vector>

namespace carecap {

// The expression as the rule writes it, then with each innermost operation replaced
// by its value, one level at a time, down to the value itself:
//   "max(weekly_cost - dlc_deduction, £0 per week)",
//   "max(£700.00 per week - £200.00 per week, £0.00 per week)",
//   "max(£500.00 per week, £0.00 per week)", "£500.00 per week".
// Lines that would repeat the one before are left out. Values are shown to the penny.
std::vector<std::string> substituted_lines(const Step& worked, const RuleSet& rules);

// The expression as the rule writes it, on one line: the first of substituted_lines, and what
// explain, compare and statements print of a rule (tests/unit/formula_reparse_test.cpp parses it again).
std::string formula_text(const Expr& e);

// The values a condition read, as "setting is residential, pays_accommodation_separately is false":
// every name and call in it, once each, outermost first.
std::string condition_facts(const Step& condition, const RuleSet& rules);

// A value exactly, for JSON: "710/7", "86000", "2023-10-01", "true", "residential".
std::string exact_text(const Value& value, const Type& type, const RuleSet& rules);

} // namespace carecap
