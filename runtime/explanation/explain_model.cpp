// explain_model.cpp: works each stretch out again with a sink that records every
// sub-expression, and says what is as on the stretch before.
#include "runtime/explanation/explain_model.h"

#include "runtime/explanation/explain_figures.h"
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
} // namespace

ExplainResult explain_figures(const Account& account, const ExplainFilter& filter) {
    ExplainResult result;
    const RuleSet& national = *account.rules;
    const History& history = *account.history;
    Explanation ex;
    ex.account = &account;
    ex.filter = filter;

    std::optional<Target> target;
    if (!filter.figure.empty()) {
        std::string error;
        target = find_target(national, filter.figure, error);
        if (!target) result.errors.push_back(error);
        else ex.only_meter = target->meter;
    }
    const Stretch* only = nullptr;
    if (!filter.on.empty()) {
        auto day = Date::parse(filter.on);
        if (!day) result.errors.push_back("--on " + filter.on + ": not a date of the form YYYY-MM-DD");
        else if (account.stretches.empty())
            result.errors.push_back("--on " + filter.on + ": the history has no care, so there is no stretch to explain");
        else if (!(only = account.stretch_on(*day)))
            result.errors.push_back("--on " + filter.on + ": outside the history, which runs from " +
                                    account.stretches.front().first.to_string() + " to " +
                                    account.stretches.back().last.to_string());
    }
    if (!result.errors.empty()) return result;

    std::vector<char> reached(account.meters.size(), 0); // as the meters stood at the end of the stretch before
    std::optional<std::size_t> before; // the stretch explained before, to say what is as before
    try {
        for (const Stretch& s : account.stretches) {
            ExplainedStretch out;
            out.stretch = &s;
            if (!s.rules_in_force) {
                if (!only || only == &s) ex.stretches.push_back(std::move(out));
                continue;
            }
            // Each stretch under its own rules (a registry may choose other rules after a move), and
            // the figure asked for as those rules declare it.
            const RuleSet& rules = account.rules_of(s);
            std::optional<Target> here = target;
            if (target && &rules != &national) {
                std::string error;
                here = find_target(rules, filter.figure, error);
                if (!here) throw EvalError(rules.header().name_span, error);
            }
            StretchBuilder build(out, rules, s.first);
            HistoryState state = history_state_on(history, s.first);
            StepCollector opening_sink, accrual_sink;
            // First the ceilings, read with reached() as the meters stood before this stretch ...
            Evaluator opening(rules, history, state, s.first, &opening_sink, {}, &reached);
            std::vector<std::size_t> ceilings(s.meters.size(), SIZE_MAX), rates(s.meters.size(), SIZE_MAX);
            for (std::size_t m = 0; m < s.meters.size(); ++m) {
                const MeterDecl& meter = *rules.meter_order[m];
                if (!meter.ceiling) continue;
                try {
                    ceilings[m] = build.add_meter(Figure::Kind::meter_ceiling, meter, opening.eval_steps(*meter.ceiling),
                                                  opening_sink);
                } catch (const EvalError&) {
                    // Without care a ceiling that reads the care has no value; the last one stands (as in the meter).
                    if (s.care) throw;
                }
            }
            // ... then the rates, with reached() as the meters stand after the first day's changes.
            std::vector<char> after_opening(s.meters.size(), 0);
            for (std::size_t m = 0; m < s.meters.size(); ++m)
                after_opening[m] = s.meters[m].has_ceiling && s.meters[m].total_start >= s.meters[m].ceiling;
            Evaluator accrual(rules, history, state, s.first, &accrual_sink, {}, &after_opening);
            for (std::size_t m = 0; m < s.meters.size(); ++m) {
                const MeterStretch& ms = s.meters[m];
                if (!ms.metering) continue;
                const MeterDecl& meter = *rules.meter_order[m];
                Step worked = accrual.eval_steps(*meter.rate);
                if (!same_value(worked.value, Value(ms.rate)))
                    throw EvalError(meter.rate->span, "internal: explaining " + s.first.to_string() + " gave the rate of `" +
                                                          meter.name + "` as " + std::get<Decimal>(worked.value).to_exact() +
                                                          ", not " + ms.rate.to_exact() + " as evaluated");
                rates[m] = build.add_meter(Figure::Kind::meter_rate, meter, std::move(worked), accrual_sink);
            }
            for (std::size_t m = 0; m < s.meters.size(); ++m)
                reached[m] = after_opening[m] || s.meters[m].reached_on.has_value();

            // What the explanation starts from: every meter, or the one figure asked for.
            for (std::size_t m = 0; m < s.meters.size(); ++m) {
                if (here && here->meter != rules.meter_order[m]) continue;
                if (rates[m] != SIZE_MAX) out.roots.push_back(rates[m]);
                if (ceilings[m] != SIZE_MAX) out.roots.push_back(ceilings[m]);
            }
            if (here && !here->meter) {
                auto matches = [&](const Figure& f) {
                    return (here->definition && f.definition == here->definition) ||
                           (here->parameter && f.parameter == here->parameter) ||
                           (here->input && f.input == here->input);
                };
                if (std::none_of(out.figures.begin(), out.figures.end(), matches))
                    work_out_alone(*here, filter.figure, accrual, accrual_sink, build, rules, history, state, s.first);
                for (std::size_t i = 0; i < out.figures.size(); ++i)
                    if (matches(out.figures[i]) || (!out.figures[i].not_worked_out.empty())) out.roots.push_back(i);
            }
            if (!only && before) compare_with(out, ex.stretches[*before]);
            if (only && only != &s) continue;
            ex.stretches.push_back(std::move(out));
            before = ex.stretches.size() - 1;
            if (only) break;
        }
    } catch (const EvalError& error) {
        result.errors.push_back(error.render("explain"));
        return result;
    }
    result.explanation = std::move(ex);
    return result;
}

} // namespace carecap
