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

// Told of each stretch as the meters work it out: the hook `explain` is built on (as cel-cpp's
// traceable program hands a listener each value), so that explain reads the engine's own
// evaluation instead of working the stretches out a second way.
class StretchListener {
public:
    virtual ~StretchListener() = default;
    // The sinks of the stretch's two evaluators: one for the meters' ceilings on its first day,
    // one for their rates. Each stretch gets evaluators of its own, made with these.
    virtual TraceSink& opening_sink(const Stretch& s) = 0;
    virtual TraceSink& rating_sink(const Stretch& s) = 0;
    // The meters are done with the stretch; `rating` (its rates' evaluator) may work out more.
    // A stretch redone (cut where a meter reached its ceiling) is told of again, and the
    // later telling is the one that stands.
    virtual void worked(const Stretch& s, const RuleSet& rules, const HistoryState& state, Evaluator& rating) = 0;
};

struct EvalOptions {
    StretchListener* listener = nullptr; // told of every stretch worked out (explain)
    // Work out the care account statements (004, 3.7) once the meters have run. Off, the
    // account's statements stay empty: for a caller that needs only the meters (a benchmark).
    bool statements = true;
    EvalLimits limits;
    // The outputs to work out on each stretch in care (Stretch::figures), by name: none given, every
    // output the rules declare; an empty list, none. A name the rules do not declare is skipped (the
    // host checks names first: unknown_figures below).
    std::optional<std::vector<std::string>> figures;
};

struct Evaluation {
    std::optional<Account> account; // set when errors is empty
    std::vector<EvalError> errors;
};

// The names in `chosen` that no rule set of `rules` declares as an output, each with a hint ("did you
// mean ...") or the list of the outputs declared: empty when every name is known.
std::vector<std::string> unknown_figures(const std::vector<const RuleSet*>& rules, const std::vector<std::string>& chosen);

// Every stretch of the timeline under the rule set of the authority meeting the person's needs
// on it (runtime/authorities/rules_in_force.h); the meters carry on from one rule set to the next.
Evaluation evaluate_history(const RulesInForce& rules, const History& history, const EvalOptions& options = {});
// The same with one rule set for every authority: evaluation without a registry.
Evaluation evaluate_history(const RuleSet& rules, const History& history, const EvalOptions& options = {});

} // namespace carecap
