// explain_model.h: the derivation behind a care account, stretch by stretch and
// figure by figure, with every operand's value: what `carecap explain` prints as
// text (explain_text.cpp) and as a JSON tree (explain_json.cpp).
//
// The engine keeps only each figure's value. To show how a value was worked out,
// the engine evaluates the history again with a listener (EvalOptions::listener,
// runtime/evaluation/engine.h): each stretch's evaluators are given sinks that
// record every sub-expression (Evaluator::eval_steps), and the meters' rates and
// ceilings are the very ones the meters use, so there is one evaluation path and
// nothing to check the explanation against.
#pragma once

#include "runtime/evaluation/account.h"
#include "runtime/evaluation/evaluate.h"
#include "carecap/options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// One figure of a stretch: a meter's rate or ceiling, a definition, a parameter or an input.
struct Figure {
    enum class Kind { meter_rate, meter_ceiling, definition, parameter, input };
    Kind kind = Kind::definition;
    std::string name;                         // "metered_rate", "care_account rate", "top_ups_of(family)"
    const MeterDecl* meter = nullptr;         // meter_rate, meter_ceiling
    const DefinitionDecl* definition = nullptr;
    const ParameterDecl* parameter = nullptr;
    const ParameterValue* parameter_value = nullptr; // the dated value in force
    const InputDecl* input = nullptr;
    std::vector<Value> args;                  // a definition's arguments
    Value value;
    Type type;
    const Case* used_case = nullptr;
    const ExceptionDecl* used_exception = nullptr;
    std::vector<Step> conditions;             // tested in order: every exception's, then the cases' until one held
    std::optional<Step> worked;               // how the value was worked out (definitions, meter rates and ceilings)
    std::vector<std::size_t> uses;            // the figures (indices in the stretch) it rests on, first use first
    bool unchanged = false;                   // the same derivation as on the stretch explained before
    std::string not_worked_out;               // asked for by name but without a value here: why

    // Where the rule that gave the value is, and what it cites.
    const Span* rule_span() const;
    const Citation* citation() const;
    // What a person calls it: the rule file's `label "..."` ("daily living costs"), else its name.
    std::string label() const;
};

struct ExplainedStretch {
    const Stretch* stretch = nullptr;
    std::vector<Figure> figures;
    std::vector<std::size_t> roots;           // what the stretch's explanation starts from
    bool as_before = false;                   // every figure is as on the stretch explained before
};

struct Explanation {
    const Account* account = nullptr;
    ExplainFilter filter;
    const MeterDecl* only_meter = nullptr;    // --figure named a meter
    std::vector<ExplainedStretch> stretches;
    bool whole() const { return filter.figure.empty() && filter.on.empty(); }
};

struct ExplainResult {
    std::optional<Explanation> explanation;   // set when errors is empty
    std::vector<std::string> errors;          // an unknown figure, a date outside the history, ...
};

// Works out the derivation of every figure of `account` that `filter` asks for.
// The account's history is evaluated again under the same rules, with a listener.
ExplainResult explain_figures(const Account& account, const ExplainFilter& filter);

// Two steps worked out alike: the same expressions with the same values throughout
// (except `today`, which is each stretch's own first day: what it decided is compared).
bool same_steps(const Step& a, const Step& b);

} // namespace carecap
