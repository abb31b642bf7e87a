// evaluate.cpp: a tree-walking interpreter over the checked syntax tree. Types
// were settled by the checker, so each operator here knows its operands' shape.
#include "runtime/evaluation/evaluate.h"

#include "stdlib/builtins.h"

#include <boost/container/small_vector.hpp>

#include <algorithm>

namespace carecap {

namespace {


Date shift(Date d, const Decimal& days, const Span& where) {
    if (!days.is_integer())
        throw EvalError(where, "a date can only move by a whole number of days, not " + days.to_exact());
    // Dates are kept between the years 1800 and 2399 (about +-219,000 days of 1970); a whole number
    // too large even for 64 bits leaves them as surely as one that fits.
    constexpr std::int64_t first = -62091, last = 157053;
    auto whole = days.to_int64();
    if (!whole || *whole > last - first || *whole < first - last || d.days() + *whole > last || d.days() + *whole < first)
        throw EvalError(where, "moving " + d.to_string() + " by " + days.to_exact() +
                                   " days leaves the years 1800 to 2399 that carecap handles");
    return d.plus_days(*whole);
}

bool equal_values(const Value& a, const Value& b) {
    if (a.index() != b.index()) return false;
    if (auto* x = std::get_if<Decimal>(&a)) return *x == std::get<Decimal>(b);
    return a == b;
}

// Points the evaluator's recording at `into` for a scope, and back again even when an error is thrown.
class RecordInto {
public:
    RecordInto(std::vector<Step>*& recording, std::vector<Step>* into) : recording_(recording), outer_(recording) {
        recording_ = into;
    }
    ~RecordInto() { recording_ = outer_; }
    RecordInto(const RecordInto&) = delete;
    RecordInto& operator=(const RecordInto&) = delete;

private:
    std::vector<Step>*& recording_;
    std::vector<Step>* outer_;
};

} // namespace

const ParameterValue* value_in_force(const ParameterDecl& p, Date on) {
    auto after = std::upper_bound(p.values.begin(), p.values.end(), on,
                                  [](Date d, const ParameterValue& v) { return d < v.from; });
    return after == p.values.begin() ? nullptr : &*std::prev(after);
}

Evaluator::Evaluator(const EvalContext& context, TraceSink* trace, EvalLimits limits)
    : rules_(context.rules), history_(context.history), state_(&context.state), day_(context.day), trace_(trace),
      limits_(limits), record_(trace != nullptr && trace->wants_steps()), cache_(context.rules.definition_slots),
      inputs_(context.rules.inputs.size()), reached_(context.reached) {
    if (reached_ != nullptr) reached_seen_ = *reached_;
    // The host's limit, kept by the rule set (lang/limits.h), bounds every evaluator under it.
    if (rules_.limits.evaluation_steps < limits_.max_steps)
        limits_.max_steps = static_cast<std::size_t>(rules_.limits.evaluation_steps);
    if (limits_.cancel == nullptr) limits_.cancel = thread_cancel_flag;
}

Value Evaluator::eval(const Expr& e) {
    if (++steps_ > limits_.max_steps)
        throw EvalError(e.span, "evaluation took more than " + std::to_string(limits_.max_steps) +
                                    " steps in one stretch (the limit evaluation_steps)");
    if (limits_.cancel != nullptr && limits_.cancel->load(std::memory_order_relaxed)) [[unlikely]]
        throw EvaluationCancelled();
    // Without a sink that wants steps this is one well-predicted test per node.
    if (recording_ != nullptr) [[unlikely]]
        return recorded(e);
    return node(e);
}

Value Evaluator::recorded(const Expr& e) {
    std::vector<Step>& outer = *recording_;
    Step step;
    step.expr = &e;
    {
        RecordInto scope(recording_, &step.operands);
        step.value = node(e);
    }
    outer.push_back(std::move(step));
    return outer.back().value;
}

Step Evaluator::eval_steps(const Expr& e) {
    if (!record_) return Step{&e, eval(e), {}};
    std::vector<Step> top;
    {
        RecordInto scope(recording_, &top);
        eval(e);
    }
    return std::move(top.front());
}

Value Evaluator::eval_root(const Expr& e) {
    if (!record_) return eval(e);
    Step worked = eval_steps(e);
    trace_->root_steps(worked);
    return worked.value;
}

Value Evaluator::node(const Expr& e) {
    switch (e.kind) {
    case ExprKind::literal: return e.literal;
    case ExprKind::name: return name(e);
    case ExprKind::call: return call(e);
    case ExprKind::negate: return -decimal_of(eval(*e.children[0]));
    case ExprKind::logical_not: return !std::get<bool>(eval(*e.children[0]));
    case ExprKind::at_date: {
        Date on = std::get<Date>(eval(*e.children[1]));
        return parameter(*e.children[0]->parameter, on, e.span);
    }
    case ExprKind::binary: return binary(e);
    }
    throw EvalError(e.span, "internal: unknown expression");
}

Value Evaluator::name(const Expr& e) {
    switch (e.ref) {
    case RefKind::parameter: return parameter(*e.parameter, day_, e.span);
    case RefKind::definition: return definition(*e.definition);
    case RefKind::formal: return frame_[e.index];
    case RefKind::enum_member: return e.literal;
    case RefKind::today: return day_;
    case RefKind::input: {
        std::size_t slot = e.input->slot;
        if (!inputs_[slot]) {
            inputs_[slot] = input_value(rules_, *e.input, history_, *state_, day_, e.span);
            filled_inputs_.push_back(static_cast<std::uint32_t>(slot));
            if (trace_) trace_->input(*e.input, *inputs_[slot]);
        }
        return *inputs_[slot];
    }
    case RefKind::meter_reached:
    case RefKind::none: break;
    }
    throw EvalError(e.span, "internal: unresolved name `" + e.name + "`");
}

Value Evaluator::parameter(const ParameterDecl& p, Date on, const Span& where) {
    const ParameterValue* in_force = value_in_force(p, on);
    if (!in_force)
        throw EvalError(where, "`" + p.name + "` has no value in force on " + on.to_string() + ": its first value is from " +
                                   p.values.front().from.to_string());
    const ParameterValue& used = *in_force;
    if (trace_) trace_->parameter(p, used, on);
    return used.constant;
}

bool Evaluator::holds(const Expr& condition) { return std::get<bool>(eval(condition)); }

// Every product can double a value's digits and a cached definition costs one step however large
// its value, so a chain of squarings would outgrow memory and time within the step limit: a value
// worked out by arithmetic is bounded in size, and the error names where, what and when.
Value Evaluator::bounded(Decimal v, const Expr& e) const {
    const std::size_t limit = rules_.limits.value_bits;
    if (const std::size_t bits = v.bits(); bits > limit) [[unlikely]] {
        std::string what = working_on_ ? "`" + working_on_->name + "`" : "`" + std::string(e.span.text()) + "`";
        throw EvalError(e.span, "working out " + what + " on " + day_.to_string() + " gives a number of " +
                                    std::to_string(bits) + " bits, over the limit of " + std::to_string(limit) +
                                    " bits for the numerator or denominator of one value (the limit value_bits)");
    }
    return v;
}

Value Evaluator::definition(const DefinitionDecl& d, std::span<const Value> args) {
    bool cacheable = args.empty();
    if (cacheable && cache_[d.slot]) return *cache_[d.slot];
    auto saved = frame_;
    const DefinitionDecl* saved_definition = working_on_;
    frame_ = args;
    working_on_ = &d;
    const ExceptionDecl* used_exception = nullptr;
    const Case* used_case = nullptr;
    std::optional<Value> result;
    // When recording, the conditions and values go into this definition's own steps, never
    // into those of the expression that asked for it (where the definition is one operand).
    std::optional<DefinitionSteps> worked; // made only when recording, so plain evaluation pays nothing for it
    if (record_) worked.emplace();
    std::vector<Step> values;
    RecordInto scope(recording_, nullptr);
    auto test = [&](const Expr& condition) {
        if (record_) recording_ = &worked->conditions;
        return holds(condition);
    };
    auto value_of = [&](const Expr& value) {
        if (record_) recording_ = &values;
        return eval(value);
    };
    for (const ExceptionDecl* x : d.exceptions) {
        if (!test(*x->condition)) continue;
        Value v = value_of(*x->value);
        if (used_exception && !equal_values(v, *result))
            throw EvalError(x->span, "two exceptions to `" + d.name + "` apply on " + day_.to_string() +
                                         " with different values (the other is at line " +
                                         std::to_string(used_exception->span.line) + ")");
        if (!used_exception) {
            used_exception = x;
            result = std::move(v);
        }
    }
    if (!used_exception) {
        for (const Case& c : d.cases)
            if (!c.condition || test(*c.condition)) {
                used_case = &c;
                result = value_of(*c.value);
                break;
            }
    }
    frame_ = saved;
    working_on_ = saved_definition;
    if (!result) throw EvalError(d.span, "internal: no case of `" + d.name + "` applied");
    if (trace_) {
        if (record_ && !values.empty()) {
            worked->value = std::move(values.front()); // the value used: the first exception's, or the case's
            trace_->definition_steps(d, args, *worked);
        }
        trace_->definition(d, args, *result, used_case, used_exception);
    }
    if (cacheable) {
        cache_[d.slot] = *result;
        filled_.push_back(d.slot);
    }
    return *result;
}

Value Evaluator::call(const Expr& e) {
    if (e.ref == RefKind::meter_reached) return reached_ != nullptr && (*reached_)[e.meter->index] != 0;
    if (e.ref == RefKind::input) { // an input read by kind
        Value key = eval(*e.children[0]);
        Value v = input_value(rules_, *e.input, history_, *state_, day_, e.span, &std::get<EnumValue>(key));
        if (trace_) trace_->input(*e.input, v);
        return v;
    }
    // Calls are frequent (max, min, rounding on every stretch): up to four arguments stay
    // on the stack rather than in a new vector each time.
    boost::container::small_vector<Value, 4> args;
    for (auto& a : e.children) args.push_back(eval(*a));
    if (e.definition) return definition(*e.definition, std::span<const Value>(args.data(), args.size()));
    // The built-ins take the argument types as a vector; one per thread is reused (a built-in
    // never calls back into an evaluator, so it cannot be in use twice at once), and assigning
    // over its elements keeps their storage.
    thread_local std::vector<Type> types;
    types.resize(e.children.size());
    for (std::size_t i = 0; i < e.children.size(); ++i) types[i] = e.children[i]->type;
    try {
        Value v = e.builtin->evaluate(std::span<const Value>(args.data(), args.size()), types);
        if (auto* n = std::get_if<Decimal>(&v)) return bounded(std::move(*n), e);
        return v;
    } catch (const BuiltinError& error) {
        throw EvalError(e.span, std::string(e.builtin->name) + ": " + error.what());
    }
}

Value Evaluator::binary(const Expr& e) {
    const Expr& l = *e.children[0];
    const Expr& r = *e.children[1];
    if (e.op == BinaryOp::logical_and) return holds(l) && holds(r);
    if (e.op == BinaryOp::logical_or) return holds(l) || holds(r);
    Value a = eval(l);
    Value b = eval(r);
    switch (e.op) {
    case BinaryOp::add:
        if (auto* d = std::get_if<Date>(&a)) return shift(*d, decimal_of(b), e.span);
        if (auto* d = std::get_if<Date>(&b)) return shift(*d, decimal_of(a), e.span);
        return bounded(decimal_of(a) + decimal_of(b), e);
    case BinaryOp::subtract:
        if (auto* d = std::get_if<Date>(&a)) {
            if (auto* d2 = std::get_if<Date>(&b)) return Decimal(*d - *d2);
            return shift(*d, -decimal_of(b), e.span);
        }
        return bounded(decimal_of(a) - decimal_of(b), e);
    case BinaryOp::multiply: {
        Decimal product = decimal_of(a) * decimal_of(b);
        // Most products carry no unit conversion; is_one() spares building a 1 to compare with.
        return bounded(e.scale.is_one() ? std::move(product) : product * e.scale, e);
    }
    case BinaryOp::divide:
        if (decimal_of(b).is_zero())
            throw EvalError(e.span, "division by zero: `" + std::string(r.span.text()) + "` is 0 on " + day_.to_string(),
                            state_->care ? state_->care->path : "");
        return bounded(decimal_of(a) / decimal_of(b), e);
    default: break;
    }
    // Comparisons: the checker made sure both sides have the same shape.
    std::strong_ordering order = std::strong_ordering::equal;
    if (auto* x = std::get_if<Decimal>(&a)) order = *x <=> decimal_of(b);
    else if (auto* d = std::get_if<Date>(&a)) order = *d <=> std::get<Date>(b);
    else order = a == b ? std::strong_ordering::equal : std::strong_ordering::less;
    switch (e.op) {
    case BinaryOp::eq: return order == 0;
    case BinaryOp::ne: return order != 0;
    case BinaryOp::lt: return order < 0;
    case BinaryOp::le: return order <= 0;
    case BinaryOp::gt: return order > 0;
    case BinaryOp::ge: return order >= 0;
    default: break;
    }
    throw EvalError(e.span, "internal: unknown operator");
}

void Evaluator::take_over(const Evaluator& earlier, const std::vector<char>& changed_inputs,
                          const std::vector<char>& stale) {
    if (trace_ != nullptr || earlier.trace_ != nullptr) return; // a sink must see each figure worked out
    for (std::uint32_t slot : earlier.filled_)
        if (!stale[slot] && !cache_[slot]) {
            cache_[slot] = earlier.cache_[slot];
            filled_.push_back(slot);
        }
    for (std::uint32_t slot : earlier.filled_inputs_)
        if (!changed_inputs[slot] && !inputs_[slot]) {
            inputs_[slot] = earlier.inputs_[slot];
            filled_inputs_.push_back(slot);
        }
}

void Evaluator::move_to(const HistoryState& state, Date day, const WhatChanged& changed) {
    state_ = &state;
    day_ = day;
    steps_ = 0;
    bool reached_differs = changed.reached || (reached_ != nullptr && *reached_ != reached_seen_);
    if (reached_ != nullptr) reached_seen_ = *reached_;
    bool everything = trace_ != nullptr; // a sink must see each figure worked out
    auto differs = [&](const Reads& r) {
        if (everything || (r.sources & changed.sources) || (r.reached && reached_differs)) return true;
        if (r.today && changed.today) {
            if (r.boundaries.empty() || changed.boundaries.empty()) return true; // not known which: assume any
            for (std::uint32_t b : r.boundaries)
                if (std::binary_search(changed.boundaries.begin(), changed.boundaries.end(), b)) return true;
        }
        if (changed.parameters.empty()) return false;
        for (const ParameterDecl* p : r.parameters)
            if (std::binary_search(changed.parameters.begin(), changed.parameters.end(), p)) return true;
        return false;
    };
    // Only the values held are looked at: a stretch usually works out a handful of the rules'
    // definitions. What is forgotten leaves the list; what is kept stays on it.
    std::erase_if(filled_, [&](std::uint32_t slot) {
        if (!differs(rules_.reads[slot])) return false;
        cache_[slot].reset();
        return true;
    });
    std::erase_if(filled_inputs_, [&](std::uint32_t slot) {
        if (!everything && !(rules_.input_sources[slot] & changed.sources)) return false;
        inputs_[slot].reset();
        return true;
    });
}

WhatChanged what_changed(const RuleSet& rules, const HistoryState& before, Date earlier, const HistoryState& after,
                         Date later) {
    auto bit = [](InputSource s) { return static_cast<std::uint8_t>(s); };
    WhatChanged c;
    c.reached = false;
    c.sources = bit(InputSource::unknown);
    if (before.care != after.care) c.sources |= bit(InputSource::care_period);
    if (before.assessment != after.assessment) c.sources |= bit(InputSource::assessment);
    if (before.eligibility != after.eligibility) c.sources |= bit(InputSource::eligibility);
    if (before.authority != after.authority) c.sources |= bit(InputSource::authority);
    if (before.adjustment != after.adjustment) c.sources |= bit(InputSource::adjustment);
    // A parameter's value in force differs if one of its values starts after `earlier`, up to `later`.
    const auto& starts = rules.parameter_changes;
    auto by_date = [](Date d, const std::pair<Date, const ParameterDecl*>& v) { return d < v.first; };
    auto from = std::upper_bound(starts.begin(), starts.end(), earlier, by_date);
    auto to = std::upper_bound(from, starts.end(), later, by_date);
    for (; from != to; ++from) c.parameters.push_back(from->second);
    std::sort(c.parameters.begin(), c.parameters.end());
    return c;
}

namespace {

// Whether an expression, or a definition it reaches, reads a marked input. `state` holds, by
// definition slot: 0 not yet looked at, 1 being looked at, 2 reads none, 3 reads one. A
// definition met again while being looked at (a function recursing) is taken to read one:
// that may leave a value not taken over, never takes over one that could differ.
struct Marked {
    const std::vector<char>& inputs;
    bool today_or_reached;
};

bool reads_marked(const Expr& e, const Marked& marked, std::vector<char>& state);

bool definition_reads_marked(const DefinitionDecl& d, const Marked& marked, std::vector<char>& state) {
    char& mine = state[d.slot];
    if (mine == 1) return true;
    if (mine != 0) return mine == 3;
    mine = 1;
    bool reads = false;
    for (const ExceptionDecl* x : d.exceptions)
        reads = reads_marked(*x->condition, marked, state) || reads_marked(*x->value, marked, state) || reads;
    for (const Case& c : d.cases)
        reads = (c.condition && reads_marked(*c.condition, marked, state)) || reads_marked(*c.value, marked, state) ||
                reads;
    state[d.slot] = reads ? 3 : 2;
    return reads;
}

bool reads_marked(const Expr& e, const Marked& marked, std::vector<char>& state) {
    bool reads = false;
    if (e.ref == RefKind::input && e.input != nullptr && marked.inputs[e.input->slot]) reads = true;
    if (marked.today_or_reached && (e.ref == RefKind::today || e.ref == RefKind::meter_reached)) reads = true;
    if (e.ref == RefKind::definition && e.definition != nullptr)
        reads = definition_reads_marked(*e.definition, marked, state) || reads;
    if (e.kind == ExprKind::call && e.definition != nullptr)
        reads = definition_reads_marked(*e.definition, marked, state) || reads;
    for (auto& child : e.children) reads = reads_marked(*child, marked, state) || reads;
    return reads;
}

} // namespace

std::vector<char> definitions_reading(const RuleSet& rules, const std::vector<char>& inputs, bool today_or_reached) {
    std::vector<char> state(rules.definition_slots, 0);
    const Marked marked{inputs, today_or_reached};
    for (auto& [name, d] : rules.definitions) definition_reads_marked(*d, marked, state);
    std::vector<char> out(rules.definition_slots, 0);
    for (std::size_t slot = 0; slot < out.size(); ++slot) out[slot] = state[slot] == 3;
    return out;
}

} // namespace carecap
