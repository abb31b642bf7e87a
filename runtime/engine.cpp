// engine.cpp: the back end in order. Each phase has its own file:
//   check the history's words (inputs.cpp) -> cut the timeline (timeline.cpp)
//   -> evaluate each stretch once (evaluate.cpp) -> run the meters (meter.cpp)
#include "runtime/engine.h"

#include "runtime/inputs.h"
#include "runtime/meter.h"
#include "runtime/statements.h"
#include "runtime/timeline.h"

#include <algorithm>

namespace carecap {

namespace {

class TraceCollector : public TraceSink {
public:
    explicit TraceCollector(std::vector<TraceRecord>& out) : out_(out) {}
    void definition(const DefinitionDecl& d, std::span<const Value> args, const Value& value, const Case* used_case,
                    const ExceptionDecl* used_exception) override {
        TraceRecord& r = out_.emplace_back();
        r.what = TraceRecord::What::definition;
        r.definition = &d;
        r.args.assign(args.begin(), args.end());
        r.value = value;
        r.used_case = used_case;
        r.used_exception = used_exception;
    }
    void parameter(const ParameterDecl& p, const ParameterValue& used, Date) override {
        TraceRecord& r = out_.emplace_back();
        r.what = TraceRecord::What::parameter;
        r.parameter = &p;
        r.parameter_value = &used;
        r.value = used.constant;
    }
    void input(const InputDecl& i, const Value& value) override {
        TraceRecord& r = out_.emplace_back();
        r.what = TraceRecord::What::input;
        r.input = &i;
        r.value = value;
    }

private:
    std::vector<TraceRecord>& out_;
};

} // namespace

Evaluation evaluate_history(const RuleSet& rules, const History& history, const EvalOptions& options) {
    Evaluation result;
    result.errors = check_history_words(rules, history);                     // 1. the history's words
    if (!result.errors.empty()) return result;
    Account account;
    account.rules = &rules;
    account.history = &history;
    for (const MeterDecl* m : rules.meter_order) {
        MeterTotal total;
        total.meter = m;
        account.meters.push_back(std::move(total));
    }
    auto horizon = history.horizon();
    if (history.care_periods.empty() || !horizon) {
        result.account = std::move(account);
        return result;
    }
    try {
        std::vector<Date> cuts = change_dates(rules, history);                 // 2. the timeline
        auto stretches = cut_timeline(history.care_periods.front().start, *horizon, cuts);
        std::vector<BoundaryDay> boundary_days;  // where a comparison with `today` may change its answer
        stretches = cut_at_boundaries(rules, history, std::move(stretches), cuts, &boundary_days);
        // Work and memory grow with the stretches (each keeps its meters' records and statements
        // read them), so their number is bounded whatever the history's size in bytes.
        if (stretches.size() > rules.limits.history_stretches)
            throw EvalError(Span{}, "the history's timeline is cut into " + std::to_string(stretches.size()) +
                                        " stretches (runs of days with the same facts), over the limit of " +
                                        std::to_string(rules.limits.history_stretches) +
                                        " (the limit history_stretches)");

        std::vector<MeterRunner> runners;
        for (std::size_t i = 0; i < rules.meter_order.size(); ++i)
            runners.emplace_back(rules, *rules.meter_order[i], i == 0);
        std::vector<char> reached(runners.size(), 0);
        std::vector<MeterRunner::Mark> marks;
        Date in_force = rules.header().in_force;
        // Two evaluators go from stretch to stretch, keeping what cannot have changed: one for
        // the meters' ceilings and adjustments on the first day, one for their rates. With a
        // trace (explain) each stretch gets new ones, so that every figure is reported there.
        HistoryState state;
        std::optional<Evaluator> opening, rating;
        std::optional<Date> last_day;   // the first day of the stretch they last worked on
        for (std::size_t i = 0; i < stretches.size(); ++i) {                  // 3. each stretch once
            Stretch& s = stretches[i];
            HistoryState now = history_state_on(history, s.first);
            s.care = now.care;
            s.authority = now.authority;
            s.rules_in_force = s.first >= in_force;
            if (!s.rules_in_force) {
                s.meters.resize(runners.size());
                continue;
            }
            WhatChanged changed;  // everything, unless worked out below
            if (last_day) {
                changed = what_changed(rules, state, *last_day, now, s.first);
                // `today` is only ever compared with a date (lang/check.cpp), and the timeline is cut
                // at every such date and the day after: elsewhere no comparison can change.
                auto [from, to] = std::equal_range(boundary_days.begin(), boundary_days.end(), BoundaryDay{s.first, 0},
                                                   [](const BoundaryDay& a, const BoundaryDay& b) { return a.first < b.first; });
                for (; from != to; ++from) changed.boundaries.push_back(from->second); // in order: sorted by date, then position
                changed.today = !changed.boundaries.empty();
            }
            state = std::move(now);
            auto run = [&](bool afresh) {                                       // 4. the meters
                s.meters.clear(); // new records, filled where they lie
                s.meters.resize(runners.size());
                s.trace.clear();
                TraceCollector collector(s.trace);
                TraceSink* sink = options.trace ? &collector : nullptr;
                auto place = [&](std::optional<Evaluator>& e) {
                    if (afresh || sink || !e) e.emplace(rules, history, state, s.first, sink, options.limits, &reached);
                    else e->move_to(state, s.first, changed);
                };
                bool in_care = s.care != nullptr;
                // First each meter's ceiling and adjustments on the first day, then the
                // rates, read with reached(m) as the meters now stand.
                place(opening);
                for (std::size_t m = 0; m < runners.size(); ++m)
                    runners[m].open(s.meters[m], s, *opening, in_care, history, reached);
                for (std::size_t m = 0; m < runners.size(); ++m) reached[m] = runners[m].reached();
                place(rating);
                for (std::size_t m = 0; m < runners.size(); ++m)
                    runners[m].accrue(s.meters[m], s, *rating, in_care);
                last_day = s.first;
            };
            // Where the meters stood, in case the stretch must be redone (below).
            marks.clear();
            if (rules.reads_reached)
                for (const auto& runner : runners) marks.push_back(runner.mark());
            auto reached_before = reached;
            run(false);
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
                s.last = *first_reached;
                for (std::size_t m = 0; m < runners.size(); ++m) runners[m].rewind(marks[m]);
                reached = std::move(reached_before);
                run(true);
                stretches.insert(stretches.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(rest));
            }
            for (std::size_t m = 0; m < runners.size(); ++m) reached[m] = runners[m].reached();
        }
        for (std::size_t i = 0; i < runners.size(); ++i) account.meters[i] = runners[i].finish();
        account.stretches = std::move(stretches);
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
        if (options.statements) account.statements = care_account_statements(account); // 5. statements
    } catch (EvalError& error) {
        result.errors.push_back(std::move(error));
        return result;
    }
    result.account = std::move(account);
    return result;
}

std::vector<char> Account::reached_on(Date day) const {
    std::vector<char> out(meters.size(), 0);
    const Stretch* s = stretch_on(day);
    if (!s || !s->rules_in_force) return out;
    for (std::size_t m = 0; m < meters.size() && m < s->meters.size(); ++m)
        out[m] = s->meters[m].has_ceiling && total_at_end_of(m, day.plus_days(-1)) >= s->meters[m].ceiling;
    return out;
}

const Stretch* Account::stretch_on(Date day) const {
    auto it = std::upper_bound(stretches.begin(), stretches.end(), day,
                               [](Date d, const Stretch& s) { return d < s.first; });
    if (it == stretches.begin()) return nullptr;
    const Stretch& s = *std::prev(it);
    return day <= s.last ? &s : nullptr;
}

Decimal Account::total_at_end_of(std::size_t m, Date day) const {
    if (stretches.empty() || day < stretches.front().first) return Decimal(0);
    const Stretch* s = stretch_on(day);
    if (!s) return meters[m].total;
    const MeterStretch& ms = s->meters[m];
    if (!ms.metering) return ms.total_start;
    // Within a stretch accrual is linear until the ceiling stops it.
    Decimal so_far = ms.daily * Decimal(day - s->first + 1);
    return ms.total_start + (so_far < ms.accrued ? so_far : ms.accrued);
}

} // namespace carecap
