// engine.cpp: the back end in order. Each phase has its own file:
//   check the history's words (inputs.cpp) -> cut the timeline (timeline.cpp)
//   -> evaluate each stretch once (evaluate.cpp) -> run the meters (meter.cpp)
//   -> the care account statements (statements.cpp)
#include "runtime/evaluation/engine.h"

#include "lang/diagnostic.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/evaluation/meter.h"
#include "runtime/evaluation/statements.h"
#include "runtime/evaluation/timeline.h"

#include <algorithm>
#include <iterator>

namespace carecap {

namespace {

// The meters carry on across a change of rules (the account continues "by the amount set by the
// first authority", 004 3.7): every rule set used together must declare the same meters, in order.
std::optional<EvalError> meters_disagree(const RulesInForce& rules) {
    const RuleSet& first = *rules.sets.front();
    for (const RuleSet* other : rules.sets) {
        const auto& a = first.meter_order;
        const auto& b = other->meter_order;
        for (std::size_t m = 0; m < std::max(a.size(), b.size()); ++m) {
            if (m < a.size() && m < b.size() && a[m]->name == b[m]->name) continue;
            const Span& where = m < b.size() ? b[m]->name_span : other->header().name_span;
            return EvalError(where, "the rules " + other->header().name + " cannot carry on the meters of " +
                                        first.header().name + ": meter " + std::to_string(m + 1) + " is `" +
                                        (m < b.size() ? b[m]->name : std::string("(none)")) + "` there and `" +
                                        (m < a.size() ? a[m]->name : std::string("(none)")) +
                                        "` in " + first.header().name +
                                        "; rule sets used in one history must declare the same meters in the same order");
        }
    }
    return std::nullopt;
}

// A meter that charges interest adds it on the 1st of each month (runtime/evaluation/loan.cpp): the timeline
// is cut there while the history's deferred payment agreement runs (and on the 1st after it ends, when the
// last month's interest is added), so that each stretch's total grows in a straight line. Histories without
// an agreement are cut as before: nothing earns interest there.
void cut_at_month_starts(const RulesInForce& rules, const History& history, Date last, std::vector<Date>& cuts) {
    bool interest = false;
    for (const RuleSet* r : rules.sets)
        for (const MeterDecl* m : r->meter_order) interest = interest || m->interest != nullptr;
    if (!interest || !history.deferred_payment) return;
    const DeferredPayment& d = *history.deferred_payment;
    const Date first = d.start;
    if (d.end && d.end->plus_days(40) < last) last = d.end->plus_days(40);
    for (int y = first.year(), m = first.month();; m == 12 ? (++y, m = 1) : ++m) {
        const Date day = *Date::from_ymd(y, m, 1);
        if (day > last) break;
        if (day > first) cuts.push_back(day);
    }
}

// The timeline: cut at every change date of every rule set involved, each stretch given the
// rule set of the authority on its first day (moves are change dates, so no stretch spans
// two authorities), then each run of stretches under one rule set cut again where its rules
// compare `today` with a date. `boundary_days` gets, by rule set, the days a comparison may change.
std::vector<Stretch> plan_timeline(const RulesInForce& rules, const History& history, Date horizon,
                                   std::vector<std::vector<BoundaryDay>>& boundary_days) {
    std::vector<Date> cuts;
    for (const RuleSet* r : rules.sets) {
        auto dates = change_dates(*r, history);
        cuts.insert(cuts.end(), dates.begin(), dates.end());
    }
    cut_at_month_starts(rules, history, horizon, cuts);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    auto first_cut = cut_timeline(history.care_periods.front().start, horizon, cuts);
    if (rules.sets.size() > 1) // with one rule set every stretch is under it (rule_set 0)
        for (Stretch& s : first_cut) s.rule_set = rules.index_for(history_state_on(history, s.first).authority);
    boundary_days.assign(rules.sets.size(), {});
    std::vector<Stretch> out;
    for (std::size_t from = 0; from < first_cut.size();) {
        std::size_t to = from;
        while (to < first_cut.size() && first_cut[to].rule_set == first_cut[from].rule_set) ++to;
        const std::uint32_t k = first_cut[from].rule_set;
        std::vector<Stretch> run(std::make_move_iterator(first_cut.begin() + static_cast<std::ptrdiff_t>(from)),
                                 std::make_move_iterator(first_cut.begin() + static_cast<std::ptrdiff_t>(to)));
        std::vector<BoundaryDay> days;
        run = cut_at_boundaries(*rules.sets[k], history, std::move(run), cuts, &days);
        for (Stretch& s : run) s.rule_set = k;
        boundary_days[k].insert(boundary_days[k].end(), days.begin(), days.end());
        std::move(run.begin(), run.end(), std::back_inserter(out));
        from = to;
    }
    for (auto& days : boundary_days) std::sort(days.begin(), days.end());
    // Work and memory grow with the stretches (each keeps its meters' records and statements read
    // them), so their number is bounded whatever the history's size in bytes.
    const std::size_t limit = rules.sets.front()->limits.history_stretches;
    if (out.size() > limit)
        throw EvalError(Span{}, "the history's timeline is cut into " + std::to_string(out.size()) +
                                    " stretches (runs of days with the same facts), over the limit of " +
                                    std::to_string(limit) + " (the limit history_stretches)");
    return out;
}

// Runs the meters over the stretches, each under its own rule set.
class MeterRun {
public:
    MeterRun(const RulesInForce& rules, const History& history, const EvalOptions& options,
             std::vector<std::vector<BoundaryDay>> boundary_days)
        : rules_(rules), history_(history), options_(options), boundary_days_(std::move(boundary_days)) {
        const RuleSet& first = *rules.sets.front();
        for (std::size_t i = 0; i < first.meter_order.size(); ++i)
            runners_.emplace_back(first, *first.meter_order[i], i == 0);
        reached_.assign(runners_.size(), 0);
    }

    // Each meter's total and events once every stretch is worked out (a stretch may be cut in two
    // where a meter reaches its ceiling, so `stretches` may grow).
    std::vector<MeterTotal> run(std::vector<Stretch>& stretches) {
        for (std::size_t i = 0; i < stretches.size(); ++i) stretch(stretches, i);
        std::vector<MeterTotal> out;
        for (auto& r : runners_) out.push_back(r.finish());
        return out;
    }

private:
    void stretch(std::vector<Stretch>& stretches, std::size_t i);
    void meter(Stretch& s, const RuleSet& rules, const WhatChanged& changed, bool afresh);
    void work_out_figures(Stretch& s, const RuleSet& rules);
    WhatChanged changes_before(const RuleSet& rules, const HistoryState& now, const Stretch& s) const;

    const RulesInForce& rules_;
    const History& history_;
    const EvalOptions& options_;
    std::vector<std::vector<BoundaryDay>> boundary_days_; // by rule set
    std::vector<MeterRunner> runners_;
    std::vector<char> reached_;
    // Two evaluators go from stretch to stretch, keeping what cannot have changed: one for the
    // meters' ceilings and adjustments on the first day, one for their rates. With a listener
    // (explain), or under other rules than the stretch before, a stretch gets new ones.
    HistoryState state_;
    std::optional<Evaluator> opening_, rating_;
    std::optional<Date> last_day_;            // the first day of the stretch they last worked on
    std::optional<std::uint32_t> last_rules_; // the rule set they were made for
};

WhatChanged MeterRun::changes_before(const RuleSet& rules, const HistoryState& now, const Stretch& s) const {
    WhatChanged changed; // everything, unless worked out below
    if (!last_day_ || last_rules_ != s.rule_set) return changed;
    changed = what_changed(rules, state_, *last_day_, now, s.first);
    // `today` is only ever compared with a date (lang/check.cpp), and the timeline is cut
    // at every such date and the day after: elsewhere no comparison can change.
    const auto& days = boundary_days_[s.rule_set];
    auto [from, to] = std::equal_range(days.begin(), days.end(), BoundaryDay{s.first, 0},
                                       [](const BoundaryDay& a, const BoundaryDay& b) { return a.first < b.first; });
    for (; from != to; ++from) changed.boundaries.push_back(from->second); // in order: sorted by date, then position
    changed.today = !changed.boundaries.empty();
    return changed;
}

void MeterRun::meter(Stretch& s, const RuleSet& rules, const WhatChanged& changed, bool afresh) {
    s.meters.clear(); // new records, filled where they lie
    s.meters.resize(runners_.size());
    StretchListener* listener = options_.listener;
    const bool other_rules = last_rules_ != s.rule_set;
    auto place = [&](std::optional<Evaluator>& e, TraceSink* sink) {
        if (afresh || sink || !e || other_rules)
            e.emplace(EvalContext{rules, history_, state_, s.first, &reached_}, sink, options_.limits);
        else e->move_to(state_, s.first, changed);
    };
    bool in_care = s.care != nullptr;
    // First each meter's ceiling and adjustments on the first day, then the
    // rates, read with reached(m) as the meters now stand.
    place(opening_, listener ? &listener->opening_sink(s) : nullptr);
    for (std::size_t m = 0; m < runners_.size(); ++m)
        runners_[m].open(s.meters[m], s, *opening_, in_care, history_, reached_);
    for (std::size_t m = 0; m < runners_.size(); ++m) reached_[m] = runners_[m].reached();
    place(rating_, listener ? &listener->rating_sink(s) : nullptr);
    for (std::size_t m = 0; m < runners_.size(); ++m) runners_[m].accrue(s.meters[m], s, *rating_, in_care);
    // explain listens to the rates alone: working out the outputs there would add steps it never asked for.
    if (in_care && s.rules_in_force && !listener) work_out_figures(s, rules);
    if (listener) listener->worked(s, rules, state_, *rating_);
    last_rules_ = s.rule_set;
    last_day_ = s.first;
}

// The chosen outputs, worked out by the rates' evaluator: they read what the rates read, on the same day.
void MeterRun::work_out_figures(Stretch& s, const RuleSet& rules) {
    s.figures.clear();
    for (const OutputName* o : rules.outputs) {
        const auto& chosen = options_.figures;
        if (chosen && std::find(chosen->begin(), chosen->end(), o->name) == chosen->end()) continue;
        // An output the history cannot give on this stretch (a charge before any financial assessment, say)
        // is left out of it: the outputs report, and never stop an evaluation the meters could finish.
        try {
            s.figures.emplace_back(o, rating_->definition(*o->definition));
        } catch (const EvalError&) {
        }
    }
}

void MeterRun::stretch(std::vector<Stretch>& stretches, std::size_t i) {
    Stretch& s = stretches[i];
    const RuleSet& rules = *rules_.sets[s.rule_set];
    HistoryState now = history_state_on(history_, s.first);
    s.care = now.care;
    s.authority = now.authority;
    s.rules_in_force = s.first >= rules.header().in_force;
    if (!s.rules_in_force) {
        // Nothing counts here, but what counted under other rules before still stands.
        s.meters.resize(runners_.size());
        for (std::size_t m = 0; m < runners_.size(); ++m) s.meters[m].total_start = runners_[m].total();
        return;
    }
    for (std::size_t m = 0; m < runners_.size(); ++m) runners_[m].use_rules(rules, *rules.meter_order[m]);
    WhatChanged changed = changes_before(rules, now, s);
    state_ = std::move(now);
    // Where the meters stood, in case the stretch must be redone (below).
    std::vector<MeterRunner::Mark> marks;
    if (rules.reads_reached)
        for (const auto& runner : runners_) marks.push_back(runner.mark());
    auto reached_before = reached_;
    meter(s, rules, changed, false);
    // Rules that read reached(m) change the day after m reaches its ceiling: if that
    // falls inside this stretch, redo the stretch cut there; the rest follows.
    std::optional<Date> first_reached;
    for (auto& m : s.meters)
        if (m.reached_on && *m.reached_on < s.last && (!first_reached || *m.reached_on < *first_reached))
            first_reached = m.reached_on;
    if (first_reached && rules.reads_reached) {
        Stretch rest;
        rest.first = first_reached->plus_days(1);
        rest.last = s.last;
        rest.rule_set = s.rule_set;
        s.last = *first_reached;
        for (std::size_t m = 0; m < runners_.size(); ++m) runners_[m].rewind(marks[m]);
        reached_ = std::move(reached_before);
        meter(s, rules, changed, true);
        stretches.insert(stretches.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(rest));
    }
    for (std::size_t m = 0; m < runners_.size(); ++m) reached_[m] = runners_[m].reached();
}

// What stops a history being evaluated at all: rule sets whose meters cannot carry on from one to the
// next, or words of the history the rules have no enumeration member for (each once, however many
// rule sets say so).
std::vector<EvalError> reasons_not_to_evaluate(const RulesInForce& rules, const History& history) {
    std::vector<EvalError> errors;
    if (auto disagree = meters_disagree(rules)) {
        errors.push_back(std::move(*disagree));
        return errors;
    }
    for (const RuleSet* r : rules.sets) {
        for (EvalError& e : check_history_words(*r, history)) {
            bool seen = false; // the same word wrong under two rule sets is one error
            for (const EvalError& before : errors) seen = seen || (before.path == e.path && before.what() == std::string(e.what()));
            if (!seen) errors.push_back(std::move(e));
        }
    }
    return errors;
}

// The account before anything is worked out: the rule sets it is under, and its meters at nothing.
Account empty_account(const RulesInForce& rules, const History& history) {
    Account account;
    account.rules = rules.sets.front();
    account.rule_sets = rules.sets;
    account.chosen_by_authority = rules.chosen_by_authority;
    account.by_authority = rules.by_authority;
    account.authority_names = rules.names;
    account.history = &history;
    for (const MeterDecl* m : account.rules->meter_order) {
        MeterTotal total;
        total.meter = m;
        account.meters.push_back(std::move(total));
    }
    return account;
}

// The moves, as events of the primary meter, and every meter's events in date order.
void record_moves(Account& account, const History& history) {
    for (const Move& m : history.moves)
        if (!account.meters.empty())
            account.meters[0].events.push_back({MeterEvent::Kind::moved, m.date,
                                                "moved to " + m.to_authority +
                                                    "; the account continues with the amount already accrued",
                                                m.path, account.total_at_end_of(0, m.date.plus_days(-1)),
                                                account.total_at_end_of(0, m.date.plus_days(-1))});
    for (auto& meter : account.meters)
        std::stable_sort(meter.events.begin(), meter.events.end(),
                         [](const MeterEvent& a, const MeterEvent& b) { return a.date < b.date; });
}

} // namespace

Evaluation evaluate_history(const RuleSet& rules, const History& history, const EvalOptions& options) {
    return evaluate_history(RulesInForce(rules), history, options); // one rule set for every authority
}

Evaluation evaluate_history(const RulesInForce& rules, const History& history, const EvalOptions& options) {
    Evaluation result;
    result.errors = reasons_not_to_evaluate(rules, history);                             // 1. the history's words
    if (!result.errors.empty()) return result;
    Account account = empty_account(rules, history);
    const std::optional<Date> horizon = history.horizon();
    try {
        if (!history.care_periods.empty() && horizon) {
            std::vector<std::vector<BoundaryDay>> boundary_days;
            account.stretches = plan_timeline(rules, history, *horizon, boundary_days);  // 2. the timeline
            MeterRun run(rules, history, options, std::move(boundary_days));             // 3, 4. the meters
            account.meters = run.run(account.stretches);
            record_moves(account, history);
            if (options.statements) account.statements = care_account_statements(account); // 5. statements
        }
    } catch (EvalError& error) {
        result.errors.push_back(std::move(error));
        return result;
    }
    result.account = std::move(account);
    return result;
}

std::vector<std::string> unknown_figures(const std::vector<const RuleSet*>& rules, const std::vector<std::string>& chosen) {
    std::vector<std::string> declared;
    for (const RuleSet* r : rules)
        for (const OutputName* o : r->outputs)
            if (std::find(declared.begin(), declared.end(), o->name) == declared.end()) declared.push_back(o->name);
    std::vector<std::string> problems;
    for (const std::string& name : chosen) {
        if (std::find(declared.begin(), declared.end(), name) != declared.end()) continue;
        std::string problem = "unknown figure `" + name + "`";
        if (std::string near = closest_name(name, declared); !near.empty())
            problem += ": did you mean `" + near + "`?";
        else if (declared.empty())
            problem += ": the rules declare no outputs";
        else {
            problem += ": the rules' outputs are";
            for (std::size_t i = 0; i < declared.size(); ++i) problem += (i ? ", " : " ") + declared[i];
        }
        problems.push_back(std::move(problem));
    }
    return problems;
}

} // namespace carecap
