// evaluate.h: the expression interpreter. One Evaluator works out the rules for
// one stretch of the timeline, where every input and parameter is constant, so
// each definition is computed at most once there.
#pragma once

#include "lang/rule_set.h"
#include "runtime/evaluation/cancel.h"
#include "runtime/evaluation/eval_error.h"
#include "runtime/history/history.h"
#include "runtime/evaluation/inputs.h"

#include <optional>
#include <span>
#include <vector>

namespace carecap {

// One sub-expression as it was worked out: the expression, its value, and the
// steps of the operands evaluated to get it (in order; `and`/`or` may stop early).
// A name that refers to a definition is a leaf here: the definition is a figure
// of its own, with its own steps.
struct Step {
    const Expr* expr = nullptr;
    Value value;
    std::vector<Step> operands;
};

// The worked steps of one definition's value: the conditions tested, in order
// (the exceptions' first, then the cases' until one held), and the value's steps.
struct DefinitionSteps {
    std::vector<Step> conditions;
    Step value;
};

// Called as each figure is worked out: the hook that `explain` is built on.
class TraceSink {
public:
    virtual ~TraceSink() = default;
    // A sink that wants every sub-expression's value says so here; it is asked
    // once, when an Evaluator is made, so that evaluation without it records nothing.
    virtual bool wants_steps() const { return false; }
    // Called just before definition(), with the steps, for a sink that wants them.
    virtual void definition_steps(const DefinitionDecl&, std::span<const Value> /*args*/, const DefinitionSteps&) {}
    // A definition's value: which `when` case (or exception) gave it.
    virtual void definition(const DefinitionDecl& d, std::span<const Value> args, const Value& value,
                            const Case* used_case, const ExceptionDecl* used_exception) = 0;
    virtual void parameter(const ParameterDecl& p, const ParameterValue& used, Date on) = 0;
    virtual void input(const InputDecl& i, const Value& value) = 0;
    // A meter's rate or ceiling worked out through Evaluator::eval_root, with its steps, for a
    // sink that wants them.
    virtual void root_steps(const Step&) {}
};

// What may read differently on a later stretch of the same history than on the one an
// evaluator last worked on (see Evaluator::move_to).
struct WhatChanged {
    std::uint8_t sources = 0xff;  // InputSource bits of the history state that differ (unknown always)
    bool reached = true;          // whether reached(m) may read differently
    bool today = true;            // whether a comparison with `today` may answer differently
    std::vector<std::uint32_t> boundaries; // if known, with which boundaries only (RuleSet::boundaries), in order
    std::vector<const ParameterDecl*> parameters; // whose value in force differs, in order of address
};

// What differs between two days of one history: the parts of the history state and the
// parameters whose value in force changes in between (`earlier` before `later`).
WhatChanged what_changed(const RuleSet& rules, const HistoryState& before, Date earlier, const HistoryState& after,
                         Date later);

// The dated value of `p` in force on `on`, or null before its first: the one place this is
// looked up (the evaluator, the timeline's keys and explain all ask here).
const ParameterValue* value_in_force(const ParameterDecl& p, Date on);

struct EvalLimits {
    std::size_t max_steps = 1'000'000; // expression nodes visited per stretch of the timeline
    const std::atomic<bool>* cancel = nullptr; // set: stop (runtime/evaluation/cancel.h); null: the thread's flag, if any
};

// What one stretch is evaluated against: every Evaluator is built from one. The state and the
// reached flags are referred to, not copied, so they must live as long as the evaluator.
struct EvalContext {
    const RuleSet& rules;
    const History& history;
    const HistoryState& state; // the parts of the history in force on `day`
    Date day;                  // the stretch's first day: `today`, and the day parameters are read on
    // By meter position, which meters have reached their ceiling (for reached(m) in rules); null: none has.
    const std::vector<char>* reached = nullptr;
};

class Evaluator {
public:
    // `trace` is told of every figure worked out (explain); `limits` bound the work.
    explicit Evaluator(const EvalContext& context, TraceSink* trace = nullptr, EvalLimits limits = {});

    Value eval(const Expr& e);
    // The same, recording every sub-expression's value (for explain); the
    // evaluator must have been made with a sink that wants steps.
    Step eval_steps(const Expr& e);
    // A meter's rate or ceiling: its value, and, for a sink that wants steps, the steps handed
    // to TraceSink::root_steps (how explain sees what the meters used).
    Value eval_root(const Expr& e);
    Value definition(const DefinitionDecl& d, std::span<const Value> args = {});
    // A parameter's value in force on `on` (value_in_force, an error before its first value).
    Value parameter(const ParameterDecl& p, Date on, const Span& where);

    // Takes over what `earlier` already worked out, for an evaluator of the same rules, history
    // state, day and reached meters where only the inputs marked in `changed_inputs` (by input
    // slot) may read differently: the values of those inputs are left out, and so are the
    // definitions marked in `stale` (by definition slot; see definitions_reading below).
    // Nothing taken over counts towards the step limit again: it was counted once already.
    // Without a trace sink only: a sink expects to be told of every figure it is given.
    void take_over(const Evaluator& earlier, const std::vector<char>& changed_inputs, const std::vector<char>& stale);

    // Moves this evaluator on to a later stretch of the same history, keeping every value that
    // reads nothing in `changed` (lang/reads.h says what each definition reads):
    // most stretches differ from the one before in one thing, often one the rates never read.
    // `state` must live as long as the evaluator. The step count starts again. Without a trace
    // sink only (a sink expects to be told of every figure): with one, everything is forgotten.
    void move_to(const HistoryState& state, Date day, const WhatChanged& changed);

private:
    Value node(const Expr& e);
    Value recorded(const Expr& e);
    Value name(const Expr& e);
    Value call(const Expr& e);
    Value binary(const Expr& e);
    bool holds(const Expr& condition);
    Value bounded(Decimal v, const Expr& e) const;

    const RuleSet& rules_;
    const History& history_;
    const HistoryState* state_;
    Date day_;
    TraceSink* trace_;
    EvalLimits limits_;
    bool record_ = false;                         // the sink wants steps
    std::vector<Step>* recording_ = nullptr;      // where the next evaluated expression's step goes, when recording
    std::size_t steps_ = 0;
    std::vector<std::optional<Value>> cache_;     // by definition slot, for definitions without arguments
    std::vector<std::optional<Value>> inputs_;    // by input position in rules.inputs
    std::vector<std::uint32_t> filled_;           // the slots of cache_ that hold a value
    std::vector<std::uint32_t> filled_inputs_;    // the slots of inputs_ that hold a value
    std::span<const Value> frame_;                // the arguments of the definition being evaluated
    const DefinitionDecl* working_on_ = nullptr;  // that definition (for messages)
    const std::vector<char>* reached_;
    std::vector<char> reached_seen_;              // *reached_ when this evaluator was made or last moved
};

// For each definition slot of `rules`: 1 when the definition's value may depend on one
// of the inputs marked in `inputs` (by input slot), through anything it reads, or (when
// asked) on `today` or on reached(meter); else 0.
std::vector<char> definitions_reading(const RuleSet& rules, const std::vector<char>& inputs,
                                      bool today_or_reached = false);

} // namespace carecap
