// explain_figures.cpp: a stretch's figures from the steps the evaluator recorded,
// and where each figure's rule is and what it cites.
#include "runtime/explanation/explain_figures.h"

#include "lang/show.h"

#include <algorithm>

namespace carecap {

namespace {

std::string with_args(const std::string& name, const std::vector<Value>& args, const std::vector<Type>& types,
                      const RuleSet& rules) {
    if (args.empty()) return name;
    std::string out = name + "(";
    for (std::size_t i = 0; i < args.size(); ++i)
        out += (i ? ", " : "") + show(args[i], i < types.size() ? types[i] : Type{}, &rules);
    return out + ")";
}

} // namespace

bool same_value(const Value& a, const Value& b) {
    if (a.index() != b.index()) return false;
    if (auto* x = std::get_if<Decimal>(&a)) return *x == std::get<Decimal>(b);
    return a == b;
}

bool same_args(std::span<const Value> a, std::span<const Value> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_value);
}

StretchBuilder::StretchBuilder(ExplainedStretch& out, const RuleSet& rules, Date day)
    : out_(out), rules_(rules), day_(day) {}

std::size_t StretchBuilder::add_worked(const WorkedDefinition& w, const StepCollector& phase) {
    Figure f;
    f.kind = Figure::Kind::definition;
    f.definition = w.definition;
    std::vector<Type> types;
    for (const Formal& formal : w.definition->formals) types.push_back(formal.type.resolved);
    f.name = with_args(w.definition->name, w.args, types, rules_);
    f.args = w.args;
    f.value = w.value;
    f.type = w.definition->type.resolved;
    f.used_case = w.used_case;
    f.used_exception = w.used_exception;
    f.conditions = w.steps.conditions;
    if (w.steps.value.expr) f.worked = w.steps.value;
    if (auto known = existing(f)) return *known;
    std::size_t index = push(std::move(f));
    // Linked from the collector's own steps, never from the figure just pushed: linking adds figures,
    // and a reference into out_.figures would not survive the vector growing.
    for (const Step& condition : w.steps.conditions) link(index, condition, phase);
    if (w.steps.value.expr) link(index, w.steps.value, phase);
    return index;
}

std::size_t StretchBuilder::add_meter(Figure::Kind kind, const MeterDecl& meter, Step worked, const StepCollector& phase) {
    Figure f;
    f.kind = kind;
    f.meter = &meter;
    f.name = meter.name + (kind == Figure::Kind::meter_rate ? " rate" : " ceiling");
    f.value = worked.value;
    f.type = worked.expr->type;
    f.worked = worked;
    std::size_t index = push(std::move(f));
    link(index, worked, phase); // the local copy: linking adds figures and may move out_.figures
    return index;
}

std::size_t StretchBuilder::add_parameter(const ParameterDecl& p, const ParameterValue& used, Date on) {
    Figure f;
    f.kind = Figure::Kind::parameter;
    f.parameter = &p;
    f.parameter_value = &used;
    f.name = on == day_ ? p.name : p.name + " at " + on.to_string();
    f.value = used.constant;
    f.type = p.type.resolved;
    if (auto known = existing(f)) return *known;
    return push(std::move(f));
}

std::size_t StretchBuilder::add_input(const InputDecl& i, const Value& value, const Value* key, const Type& key_type) {
    Figure f;
    f.kind = Figure::Kind::input;
    f.input = &i;
    f.name = key ? i.name + "(" + show(*key, key_type, &rules_) + ")" : i.name;
    f.value = value;
    f.type = i.type.resolved;
    if (auto known = existing(f)) return *known;
    return push(std::move(f));
}

// A figure asked for by name that nothing here used: why it has no value.
void StretchBuilder::add_missing(Figure f, std::string why) {
    f.not_worked_out = std::move(why);
    push(std::move(f));
}

std::optional<std::size_t> StretchBuilder::existing(const Figure& f) const {
    for (std::size_t i = 0; i < out_.figures.size(); ++i) {
        const Figure& g = out_.figures[i];
        if (g.kind == f.kind && g.name == f.name && g.definition == f.definition && g.parameter == f.parameter &&
            g.input == f.input && same_value(g.value, f.value))
            return i;
    }
    return std::nullopt;
}

std::size_t StretchBuilder::push(Figure f) {
    out_.figures.push_back(std::move(f));
    return out_.figures.size() - 1;
}

void StretchBuilder::uses(std::size_t user, std::size_t used) {
    auto& list = out_.figures[user].uses;
    if (used != user && std::find(list.begin(), list.end(), used) == list.end()) list.push_back(used);
}

// Finds, in the steps of figure `user`, every definition, parameter and input it read.
void StretchBuilder::link(std::size_t user, const Step& step, const StepCollector& phase) {
    const Expr& e = *step.expr;
    if (e.kind == ExprKind::name && e.ref == RefKind::definition) {
        if (const WorkedDefinition* w = phase.find(*e.definition, {})) uses(user, add_worked(*w, phase));
        return;
    }
    if (e.kind == ExprKind::name && e.ref == RefKind::parameter) {
        if (const ParameterValue* used = value_in_force(*e.parameter, day_))
            uses(user, add_parameter(*e.parameter, *used, day_));
        return;
    }
    if (e.kind == ExprKind::at_date && !step.operands.empty()) {
        Date on = std::get<Date>(step.operands.back().value);
        if (const ParameterValue* used = value_in_force(*e.children[0]->parameter, on))
            uses(user, add_parameter(*e.children[0]->parameter, *used, on));
    }
    if (e.kind == ExprKind::name && e.ref == RefKind::input) {
        uses(user, add_input(*e.input, step.value, nullptr, {}));
        return;
    }
    if (e.kind == ExprKind::call && e.ref == RefKind::input && !step.operands.empty()) {
        const Step& key = step.operands.front();
        uses(user, add_input(*e.input, step.value, &key.value, key.expr->type));
    }
    for (const Step& operand : step.operands) link(user, operand, phase);
    if (e.kind == ExprKind::call && e.definition) {
        std::vector<Value> args;
        for (const Step& operand : step.operands) args.push_back(operand.value);
        if (const WorkedDefinition* w = phase.find(*e.definition, args)) uses(user, add_worked(*w, phase));
    }
}

const Span* Figure::rule_span() const {
    switch (kind) {
    case Kind::meter_rate: return meter->rate_span ? meter->rate_span : &meter->span;
    case Kind::meter_ceiling: return meter->ceiling_span ? meter->ceiling_span : &meter->span;
    case Kind::parameter: return parameter_value ? &parameter_value->span : &parameter->span;
    case Kind::input: return nullptr;
    case Kind::definition: break;
    }
    if (used_exception) return &used_exception->span;
    // A `when` or `otherwise` case is found at its own line; a plain body at the definition's.
    if (used_case && (used_case->condition || used_case->span.text().starts_with("otherwise"))) return &used_case->span;
    return &definition->span;
}

const Citation* Figure::citation() const {
    const Citation* c = nullptr;
    switch (kind) {
    // The meter's own citation is about the whole meter (its adjustments, its uprating): it is
    // given once, with the meter's total. Its rate and ceiling rest on figures that cite their own.
    case Kind::meter_rate: c = meter->rate_cite; break;
    case Kind::meter_ceiling: c = meter->ceiling_cite; break;
    case Kind::parameter: c = parameter_value ? &parameter_value->cite : nullptr; break;
    case Kind::input: break;
    case Kind::definition:
        c = used_exception && !used_exception->cite.text.empty() ? &used_exception->cite : &definition->cite;
        break;
    }
    return c && !c->text.empty() ? c : nullptr;
}

std::string Figure::label() const {
    std::string given;
    switch (kind) {
    case Kind::meter_rate: return meter->label.empty() ? name : meter->label + ": the rate";
    case Kind::meter_ceiling: return meter->label.empty() ? name : meter->label + ": the ceiling";
    case Kind::parameter: given = parameter->label; break;
    case Kind::input: given = input->label; break;
    case Kind::definition: given = definition->label; break;
    }
    return given.empty() ? name : given + " (" + name + ")";
}

bool same_steps(const Step& a, const Step& b) {
    if (a.expr != b.expr || a.operands.size() != b.operands.size()) return false;
    // `today` is the day being explained, different on every stretch by nature: what it
    // decided (the comparison it is part of) is compared, not the date itself.
    bool today = a.expr->kind == ExprKind::name && a.expr->ref == RefKind::today;
    if (!today && !same_value(a.value, b.value)) return false;
    for (std::size_t i = 0; i < a.operands.size(); ++i)
        if (!same_steps(a.operands[i], b.operands[i])) return false;
    return true;
}


} // namespace carecap
