// inputs.h: the facts a care history supplies to rules on a given day.
#pragma once

#include "lang/rule_set.h"
#include "runtime/evaluation/eval_error.h"
#include "runtime/history/history.h"
#include "stdlib/value.h"

namespace carecap {

// What the history can supply, for the checker (lang/ never sees a history).
const std::vector<InputSpec>& history_inputs();

// Loads and checks a rule file (and the files it amends) against the inputs above: what every
// front end and carecap::load_rules do. `rule_roots`, `limits` and `rules_path` are LoadOptions'.
LoadResult load_rules_for_histories(const std::string& path, std::vector<std::string> rule_roots = {},
                                    const Limits& limits = {}, std::vector<std::string> rules_path = {});

// Which parts of the history are in force on a stretch of the timeline.
struct HistoryState {
    const CarePeriod* care = nullptr;                // the care period in force, if any
    const FinancialAssessment* assessment = nullptr; // the latest on or before the day, if any
    const EligibilityDecision* eligibility = nullptr;
    std::string authority;                           // after any moves
    const Adjustment* adjustment = nullptr;          // the adjustment being considered, if any
    const DeferredPayment* deferred_payment = nullptr; // the deferred payment agreement, while it runs
};

HistoryState history_state_on(const History& history, Date day);

// The value of input `input` in `state`. Throws EvalError, naming `where` (the
// rule reading it) and the JSON path of the history value, when the history
// has no such value then, or a word is not a member of the declared enumeration.
// For an input read by kind, `key` is the member asked for.
Value input_value(const RuleSet& rules, const InputDecl& input, const History& history, const HistoryState& state,
                  Date day, const Span& where, const EnumValue* key = nullptr);

// Checks every word of the history (care settings, budgets, payers, kinds)
// that the rules declare an enumeration for; returns the errors.
std::vector<EvalError> check_history_words(const RuleSet& rules, const History& history);

} // namespace carecap
