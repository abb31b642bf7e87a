// engine.h: the back end of carecap in one function: a checked rule set and a
// loaded history in, a care account out.
#pragma once

#include "runtime/evaluation/account.h"
#include "runtime/evaluation/eval_error.h"
#include "runtime/evaluation/evaluate.h"
#include "runtime/authorities/rules_in_force.h"

#include <optional>
#include <vector>

namespace carecap {

struct EvalOptions {
    bool trace = false;    // keep, for each stretch, every figure worked out (for explain)
    // Work out the care account statements (004, 3.7) once the meters have run. Off, the
    // account's statements stay empty: for a caller that needs only the meters (a benchmark).
    bool statements = true;
    EvalLimits limits;
};

struct Evaluation {
    std::optional<Account> account; // set when errors is empty
    std::vector<EvalError> errors;
};

// Every stretch of the timeline under the rule set of the authority meeting the person's needs
// on it (runtime/authorities/rules_in_force.h); the meters carry on from one rule set to the next.
Evaluation evaluate_history(const RulesInForce& rules, const History& history, const EvalOptions& options = {});
// The same with one rule set for every authority: evaluation without a registry.
Evaluation evaluate_history(const RuleSet& rules, const History& history, const EvalOptions& options = {});

} // namespace carecap
