// engine.h: the back end of carecap in one function: a checked rule set and a
// loaded history in, a care account out.
#pragma once

#include "runtime/account.h"
#include "runtime/eval_error.h"
#include "runtime/evaluate.h"

#include <optional>
#include <vector>

namespace carecap {

struct EvalOptions {
    bool trace = false;    // keep, for each stretch, every figure worked out (for explain)
    EvalLimits limits;
};

struct Evaluation {
    std::optional<Account> account; // set when errors is empty
    std::vector<EvalError> errors;
};

Evaluation evaluate_history(const RuleSet& rules, const History& history, const EvalOptions& options = {});

} // namespace carecap
