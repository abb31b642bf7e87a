// rule_choice.h: what a host's RuleChoice (carecap.hpp) means to the engine: for one history, the
// rules in force for each authority it names (the same national rules throughout, or the rules
// the registry gives each authority).
#pragma once

#include "carecap/carecap.hpp"
#include "runtime/authorities/rules_in_force.h"
#include "runtime/evaluation/engine.h"
#include "runtime/history/history.h"

namespace carecap {

RulesInForce rules_for(const RuleChoice& choice, const History& history);

// Every entry point's first two steps: the history read (under the rules' limits) and evaluated. On any
// failure fills `result.errors` (each with its JSON path or file:line:col) and returns nothing. `history`
// holds the history the evaluation points into, so it must outlive the evaluation.
// (explain evaluates the history again itself, listening to each stretch: runtime/explanation/explain_model.h.)
std::optional<Evaluation> load_and_evaluate(const RuleChoice& rules, std::string_view text, std::string_view name,
                                            JsonResult& result, std::optional<History>& history,
                                            const EvalOptions& options = {});

} // namespace carecap
