// explain_model.cpp: listens to the engine working each stretch out (runtime/evaluation/engine.h,
// StretchListener), with sinks that record every sub-expression, builds each stretch's figures
// from that, and says what is as on the stretch before.
#include "runtime/explanation/explain_model.h"

#include "runtime/explanation/explain_figures.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"

#include <algorithm>

namespace carecap {

namespace {

bool same_figure(const Figure& a, const Figure& b) {
    if (a.kind != b.kind || a.name != b.name || !same_value(a.value, b.value) || a.used_case != b.used_case ||
        a.used_exception != b.used_exception || a.parameter_value != b.parameter_value ||
        a.conditions.size() != b.conditions.size() || a.worked.has_value() != b.worked.has_value() ||
        a.not_worked_out != b.not_worked_out)
        return false;
    for (std::size_t i = 0; i < a.conditions.size(); ++i)
        if (!same_steps(a.conditions[i], b.conditions[i])) return false;
    return !a.worked || same_steps(*a.worked, *b.worked);
}

// Marks what is as on the stretch explained before.
void compare_with(ExplainedStretch& now, const ExplainedStretch& before) {
    bool all = now.figures.size() == before.figures.size();
    for (Figure& f : now.figures) {
        auto match = std::find_if(before.figures.begin(), before.figures.end(),
                                  [&](const Figure& g) { return g.kind == f.kind && g.name == f.name; });
        f.unchanged = match != before.figures.end() && same_figure(f, *match);
        all = all && f.unchanged;
    }
    now.as_before = all && !now.figures.empty();
}

struct Target {
    const MeterDecl* meter = nullptr;
    const DefinitionDecl* definition = nullptr;
    const ParameterDecl* parameter = nullptr;
    const InputDecl* input = nullptr;
};

std::optional<Target> find_target(const RuleSet& rules, const std::string& name, std::string& error) {
    Target t;
    if (auto m = rules.meters.find(name); m != rules.meters.end()) t.meter = m->second;
    else if (auto d = rules.definitions.find(name); d != rules.definitions.end()) t.definition = d->second;
    else if (auto p = rules.parameters.find(name); p != rules.parameters.end()) t.parameter = p->second;
    else if (auto i = rules.inputs.find(name); i != rules.inputs.end()) t.input = i->second;
    else {
        std::vector<std::string> names;
        for (auto& [n, _] : rules.meters) names.push_back(n);
        for (auto& [n, _] : rules.definitions) names.push_back(n);
        for (auto& [n, _] : rules.parameters) names.push_back(n);
        for (auto& [n, _] : rules.inputs) names.push_back(n);
        std::string near = closest_name(name, names);
        error = "--figure " + name + ": no meter, definition, parameter or input of " + rules.header().name +
                " is called that" + (near.empty() ? "" : "; did you mean `" + near + "`?");
        return std::nullopt;
    }
    return t;
}


// A figure asked for by --figure that no rule used on this stretch: worked out on its own
// where that means something (a definition without arguments, a parameter, an input read
// by name); otherwise, or when it has no value here, kept with the reason.
void work_out_alone(const Target& target, const std::string& name, Evaluator& evaluator, const StepCollector& sink,
                    StretchBuilder& build, const RuleSet& rules, const History& history, const HistoryState& state,
                    Date day) {
    Figure missing;
    missing.name = name;
    missing.kind = target.definition ? Figure::Kind::definition
                   : target.parameter ? Figure::Kind::parameter
                                      : Figure::Kind::input;
    missing.definition = target.definition;
    missing.parameter = target.parameter;
    missing.input = target.input;
    try {
        if (target.definition && target.definition->formals.empty()) {
            evaluator.definition(*target.definition);
            build.add_worked(*sink.find(*target.definition, {}), sink);
        } else if (target.parameter) {
            evaluator.parameter(*target.parameter, day, target.parameter->span);
            build.add_parameter(*target.parameter, *value_in_force(*target.parameter, day), day);
        } else if (target.input && target.input->key.name.empty()) {
            build.add_input(*target.input, input_value(rules, *target.input, history, state, day, target.input->span),
                            nullptr, {});
        } else {
            build.add_missing(std::move(missing), "no rule used it on this stretch");
        }
    } catch (const EvalError& error) {
        build.add_missing(std::move(missing), error.what());
    }
}

// The roots of a stretch's explanation: every meter's rate and ceiling, or the one figure asked
// for by --figure (worked out on its own if no rule used it there).
void choose_roots(ExplainedStretch& out, const std::optional<Target>& here,
                  const std::vector<std::size_t>& rates, const std::vector<std::size_t>& ceilings,
                  const RuleSet& rules) {
    for (std::size_t m = 0; m < rates.size(); ++m) {
        if (here && here->meter != rules.meter_order[m]) continue;
        if (rates[m] != SIZE_MAX) out.roots.push_back(rates[m]);
        if (ceilings[m] != SIZE_MAX) out.roots.push_back(ceilings[m]);
    }
    if (!here || here->meter) return;
    auto matches = [&](const Figure& f) {
        return (here->definition && f.definition == here->definition) ||
               (here->parameter && f.parameter == here->parameter) || (here->input && f.input == here->input);
    };
    for (std::size_t i = 0; i < out.figures.size(); ++i)
        if (matches(out.figures[i]) || (!out.figures[i].not_worked_out.empty())) out.roots.push_back(i);
}

// Rules without meters (a means test alone) would show nothing when no figure is asked for: their
// declared outputs (`outputs ...`, docs/result.md) are explained instead, each as --figure would explain it.
void choose_outputs(ExplainedStretch& out, Evaluator& evaluator, const StepCollector& sink, StretchBuilder& build,
                    const RuleSet& rules, const History& history, const HistoryState& state, Date day) {
    for (const OutputName* output : rules.outputs) {
        if (!output->definition) continue; // the checker names each output's definition
        Target target;
        target.definition = output->definition;
        work_out_alone(target, output->name, evaluator, sink, build, rules, history, state, day);
        for (std::size_t i = 0; i < out.figures.size(); ++i)
            if (out.figures[i].definition == output->definition && out.figures[i].args.empty() &&
                std::find(out.roots.begin(), out.roots.end(), i) == out.roots.end()) {
                out.roots.push_back(i);
                break;
            }
    }
}

// One stretch as the engine worked it out: its figures, or why the figure asked for cannot be
// explained under its rules.
struct ListenedStretch {
    Date first;
    ExplainedStretch explained;
    std::optional<EvalError> error;
};

// Told of each stretch by the engine: records, through the sinks it hands the engine's two
// evaluators, every figure the meters' ceilings and rates rest on.
class FigureListener : public StretchListener {
public:
    FigureListener(const RuleSet& national, const std::optional<Target>& target, const std::string& figure,
                   const History& history)
        : national_(national), target_(target), figure_(figure), history_(history) {}

    TraceSink& opening_sink(const Stretch&) override { return opening_.emplace(); }
    TraceSink& rating_sink(const Stretch&) override { return rating_.emplace(); }
    void worked(const Stretch& s, const RuleSet& rules, const HistoryState& state, Evaluator& rating) override;

    std::vector<ListenedStretch> stretches; // in order; a stretch redone replaces its first telling

private:
    const RuleSet& national_;
    const std::optional<Target>& target_;
    const std::string& figure_;
    const History& history_;
    std::optional<StepCollector> opening_, rating_;
};

void FigureListener::worked(const Stretch& s, const RuleSet& rules, const HistoryState& state, Evaluator& rating) {
    ListenedStretch heard;
    heard.first = s.first;
    // Each stretch under its own rules (a registry may choose other rules after a move), and
    // the figure asked for as those rules declare it.
    std::optional<Target> here = target_;
    std::string error;
    if (target_ && &rules != &national_ && !(here = find_target(rules, figure_, error)))
        heard.error = EvalError(rules.header().name_span, error);
    if (!heard.error) {
        ExplainedStretch& out = heard.explained;
        StretchBuilder build(out, rules, s.first);
        // First the ceilings, as the opening evaluator worked them out, then the rates.
        std::vector<std::size_t> ceilings(s.meters.size(), SIZE_MAX), rates(s.meters.size(), SIZE_MAX);
        for (std::size_t m = 0; m < s.meters.size(); ++m) {
            const MeterDecl& meter = *rules.meter_order[m];
            if (const Step* worked = meter.ceiling ? opening_->root(*meter.ceiling) : nullptr)
                ceilings[m] = build.add_meter(Figure::Kind::meter_ceiling, meter, *worked, *opening_);
        }
        for (std::size_t m = 0; m < s.meters.size(); ++m) {
            const MeterDecl& meter = *rules.meter_order[m];
            if (const Step* worked = s.meters[m].metering ? rating_->root(*meter.rate) : nullptr)
                rates[m] = build.add_meter(Figure::Kind::meter_rate, meter, *worked, *rating_);
        }
        if (here && !here->meter &&
            std::none_of(out.figures.begin(), out.figures.end(), [&](const Figure& f) {
                return (here->definition && f.definition == here->definition) ||
                       (here->parameter && f.parameter == here->parameter) || (here->input && f.input == here->input);
            }))
            work_out_alone(*here, figure_, rating, *rating_, build, rules, history_, state, s.first);
        if (!here && rules.meter_order.empty())
            choose_outputs(out, rating, *rating_, build, rules, history_, state, s.first);
        else
            choose_roots(out, here, rates, ceilings, rules);
    }
    if (!stretches.empty() && stretches.back().first == s.first) stretches.back() = std::move(heard);
    else stretches.push_back(std::move(heard));
}

// Checks --figure and --on: the figure's target, and the one stretch asked for (null: all).
void read_filter(const Account& account, const ExplainFilter& filter, ExplainResult& result, Explanation& ex,
                 std::optional<Target>& target, const Stretch*& only) {
    if (!filter.figure.empty()) {
        std::string error;
        target = find_target(*account.rules, filter.figure, error);
        if (!target) result.errors.push_back(error);
        else ex.only_meter = target->meter;
    }
    if (filter.on.empty()) return;
    auto day = Date::parse(filter.on);
    if (!day) result.errors.push_back("--on " + filter.on + ": not a date of the form YYYY-MM-DD");
    else if (account.stretches.empty())
        result.errors.push_back("--on " + filter.on + ": the history has no care, so there is no stretch to explain");
    else if (!(only = account.stretch_on(*day)))
        result.errors.push_back("--on " + filter.on + ": outside the history, which runs from " +
                                account.stretches.front().first.to_string() + " to " +
                                account.stretches.back().last.to_string());
}

// The account's stretches, each with the figures the engine was heard working out on it,
// marked where as on the stretch before; only the one asked for by --on, if any.
void assemble(const Account& account, const Stretch* only, std::vector<ListenedStretch>& heard, Explanation& ex) {
    std::optional<std::size_t> before; // the stretch explained before, to say what is as before
    auto next = heard.begin();
    for (const Stretch& s : account.stretches) {
        ExplainedStretch out;
        out.stretch = &s;
        if (!s.rules_in_force) {
            if (!only || only == &s) ex.stretches.push_back(std::move(out));
            continue;
        }
        if (next == heard.end() || next->first != s.first)
            throw EvalError(Span{}, "internal: explaining " + s.first.to_string() + ": the engine did not report it");
        if (next->error) throw EvalError(*next->error);
        out.figures = std::move(next->explained.figures);
        out.roots = std::move(next->explained.roots);
        ++next;
        if (!only && before) compare_with(out, ex.stretches[*before]);
        if (only && only != &s) continue;
        ex.stretches.push_back(std::move(out));
        before = ex.stretches.size() - 1;
        if (only) break;
    }
}
} // namespace

ExplainResult explain_figures(const Account& account, const ExplainFilter& filter) {
    ExplainResult result;
    Explanation ex;
    ex.account = &account;
    ex.filter = filter;
    std::optional<Target> target;
    const Stretch* only = nullptr;
    read_filter(account, filter, result, ex, target, only);
    if (!result.errors.empty()) return result;
    // The engine works the history out again, telling the listener of every stretch.
    FigureListener listener(*account.rules, target, filter.figure, *account.history);
    EvalOptions options;
    options.listener = &listener;
    options.statements = false;
    Evaluation again = evaluate_history(account.rules_in_force(), *account.history, options);
    try {
        if (!again.errors.empty()) throw EvalError(again.errors.front());
        assemble(account, only, listener.stretches, ex);
    } catch (const EvalError& error) {
        result.errors.push_back(error.render("explain"));
        return result;
    }
    result.explanation = std::move(ex);
    return result;
}

} // namespace carecap
