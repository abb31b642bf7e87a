// explain_figures.h: the parts explain_model.cpp builds a stretch's figures from: a
// trace sink that keeps every definition's worked steps (and the meters' rates and
// ceilings) as the engine works them out, and the builder that turns
// them into figures, each linked to the figures it rests on.
#pragma once

#include "runtime/explanation/explain_model.h"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// Values compared exactly (decimals by value, whatever their representation).
bool same_value(const Value& a, const Value& b);
bool same_args(std::span<const Value> a, std::span<const Value> b);

// A definition as the evaluator reported it, with its steps.
struct WorkedDefinition {
    const DefinitionDecl* definition = nullptr;
    std::vector<Value> args;
    Value value;
    const Case* used_case = nullptr;
    const ExceptionDecl* used_exception = nullptr;
    DefinitionSteps steps;
};

// Keeps every definition worked out by one evaluator, with its steps.
class StepCollector : public TraceSink {
public:
    bool wants_steps() const override { return true; }
    void definition_steps(const DefinitionDecl&, std::span<const Value>, const DefinitionSteps& steps) override {
        pending_ = steps; // definition() for the same definition follows at once
    }
    void definition(const DefinitionDecl& d, std::span<const Value> args, const Value& value, const Case* used_case,
                    const ExceptionDecl* used_exception) override {
        worked_.push_back({&d, {args.begin(), args.end()}, value, used_case, used_exception, std::move(pending_)});
        pending_ = {};
    }
    void parameter(const ParameterDecl&, const ParameterValue&, Date) override {}
    void input(const InputDecl&, const Value&) override {}
    void root_steps(const Step& worked) override { roots_.push_back(worked); }

    // The steps of a meter's rate or ceiling `e`, if the evaluator worked it out.
    const Step* root(const Expr& e) const {
        for (const Step& s : roots_)
            if (s.expr == &e) return &s;
        return nullptr;
    }

    const WorkedDefinition* find(const DefinitionDecl& d, std::span<const Value> args) const {
        for (const WorkedDefinition& w : worked_)
            if (w.definition == &d && same_args(w.args, args)) return &w;
        return nullptr;
    }

private:
    std::vector<WorkedDefinition> worked_;
    DefinitionSteps pending_;
    std::vector<Step> roots_;
};

// Builds the figures of one stretch and links each to what it rests on. A figure
// found twice (the same name and value) is kept once.
class StretchBuilder {
public:
    StretchBuilder(ExplainedStretch& out, const RuleSet& rules, Date day);
    std::size_t add_worked(const WorkedDefinition& w, const StepCollector& phase);
    std::size_t add_meter(Figure::Kind kind, const MeterDecl& meter, Step worked, const StepCollector& phase);
    std::size_t add_parameter(const ParameterDecl& p, const ParameterValue& used, Date on);
    std::size_t add_input(const InputDecl& i, const Value& value, const Value* key, const Type& key_type);
    // A figure asked for by name that nothing here used: why it has no value.
    void add_missing(Figure f, std::string why);

private:
    std::optional<std::size_t> existing(const Figure& f) const;
    std::size_t push(Figure f);
    void uses(std::size_t user, std::size_t used);
    // Finds, in the steps of figure `user`, every definition, parameter and input it read.
    void link(std::size_t user, const Step& step, const StepCollector& phase);

    ExplainedStretch& out_;
    const RuleSet& rules_;
    Date day_;
};

} // namespace carecap
