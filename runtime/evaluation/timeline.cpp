// timeline.cpp: change dates, stretches, and the dates rules compare `today` with.
#include "runtime/evaluation/timeline.h"

#include "runtime/evaluation/evaluate.h"
#include "runtime/evaluation/inputs.h"

#include <algorithm>

namespace carecap {

std::vector<Date> change_dates(const RuleSet& rules, const History& h) {
    std::vector<Date> dates;
    dates.push_back(rules.header().in_force);
    for (auto& c : h.care_periods) {
        dates.push_back(c.start);
        if (c.end) dates.push_back(c.end->plus_days(1));
    }
    for (auto& a : h.financial_assessments) dates.push_back(a.date);
    for (auto& e : h.eligibility) dates.push_back(e.date);
    for (auto& m : h.moves) dates.push_back(m.date);
    for (auto& a : h.adjustments) dates.push_back(a.date);
    if (const auto& d = h.deferred_payment) {
        dates.push_back(d->start);
        if (d->end) dates.push_back(d->end->plus_days(1));
        for (auto& f : d->fees) dates.push_back(f.date);
    }
    for (auto& [name, p] : rules.parameters)
        for (auto& v : p->values) dates.push_back(v.from);
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
}

std::vector<Stretch> cut_timeline(Date first, Date last, const std::vector<Date>& cuts) {
    std::vector<Stretch> out;
    auto stretch = [](Date from, Date to) {
        Stretch s;
        s.first = from;
        s.last = to;
        return s;
    };
    if (last < first) return out;
    Date start = first;
    auto it = std::upper_bound(cuts.begin(), cuts.end(), first);
    for (; it != cuts.end() && *it <= last; ++it) {
        out.push_back(stretch(start, it->plus_days(-1)));
        start = *it;
    }
    out.push_back(stretch(start, last));
    return out;
}

namespace {

// What a boundary (a date rules compare `today` with) can depend on: what its expression and
// every definition it uses read, found when the rules were loaded (lang/reads.h). Two stretches
// that agree on all of it give the boundary the same value, so it is worked out once for them:
// most boundaries read only a fact of the person (date_of_birth) or of the care period, while
// stretches are cut at every change of anything. (reached(m) reads false here: boundaries are
// worked out before any meter runs.)
struct BoundaryDeps {
    bool today = false;        // reads `today` (directly or through a definition)
    bool unknown = false;      // reads something not modelled here: never reuse its value
    std::uint8_t parts = 0;    // which parts of the history state (InputSource bits)
    std::vector<const ParameterDecl*> parameters;
};

BoundaryDeps dependencies_of(const Reads& reads) {
    const auto unknown = static_cast<std::uint8_t>(InputSource::unknown);
    return {reads.today, (reads.sources & unknown) != 0, static_cast<std::uint8_t>(reads.sources & ~unknown),
            reads.parameters};
}

// Everything a boundary's value can depend on, on one stretch.
struct BoundaryKey {
    const void* care = nullptr;
    const void* assessment = nullptr;
    const void* eligibility = nullptr;
    std::string authority;
    Date today;
    std::vector<const ParameterValue*> parameters;
    bool operator==(const BoundaryKey&) const = default;
};

BoundaryKey key_on(const BoundaryDeps& deps, const HistoryState& state, Date day) {
    BoundaryKey k;
    if (deps.parts & static_cast<std::uint8_t>(InputSource::care_period)) k.care = state.care;
    if (deps.parts & static_cast<std::uint8_t>(InputSource::assessment)) k.assessment = state.assessment;
    if (deps.parts & static_cast<std::uint8_t>(InputSource::eligibility)) k.eligibility = state.eligibility;
    if (deps.parts & static_cast<std::uint8_t>(InputSource::authority)) k.authority = state.authority;
    if (deps.today) k.today = day;
    for (const ParameterDecl* p : deps.parameters) k.parameters.push_back(value_in_force(*p, day));
    return k;
}

// The last value of one boundary, and what it was worked out from. (A reused value's steps are
// not counted again against the evaluation step limit, so reuse can only make fewer boundaries
// fail; no rule file comes near the limit.)
struct BoundaryMemo {
    BoundaryDeps deps;
    std::optional<BoundaryKey> key;
    std::optional<Date> value; // none: it could not be worked out there
};

} // namespace

std::vector<Stretch> cut_at_boundaries(const RuleSet& rules, const History& history, std::vector<Stretch> stretches,
                                       std::vector<Date> cuts, std::vector<BoundaryDay>* boundary_days) {
    if (boundary_days) boundary_days->clear();
    if (rules.boundaries.empty() || stretches.empty()) return stretches;
    std::size_t before = cuts.size();
    std::vector<BoundaryMemo> memos;
    memos.reserve(rules.boundaries.size());
    for (const Reads& reads : rules.boundary_reads) memos.push_back({dependencies_of(reads), std::nullopt, std::nullopt});
    // One evaluator goes from stretch to stretch, made when a boundary is first worked out and
    // moved on after that, keeping what cannot have changed (Evaluator::move_to).
    HistoryState state;
    std::optional<Evaluator> evaluator;
    std::optional<Date> evaluator_day;
    for (auto& s : stretches) {
        HistoryState now = history_state_on(history, s.first);
        bool placed = false;
        auto place = [&] {
            if (placed) return;
            placed = true;
            if (!evaluator) {
                state = std::move(now);
                evaluator.emplace(EvalContext{rules, history, state, s.first});
            } else {
                WhatChanged changed = what_changed(rules, state, *evaluator_day, now, s.first);
                state = std::move(now);
                evaluator->move_to(state, s.first, changed); // `today` counts as changed: a boundary may read it
            }
            evaluator_day = s.first;
        };
        for (std::size_t b = 0; b < rules.boundaries.size(); ++b) {
            BoundaryMemo& memo = memos[b];
            BoundaryKey key = key_on(memo.deps, placed ? state : now, s.first);
            if (memo.deps.unknown || !memo.key || !(*memo.key == key)) {
                place();
                try {
                    memo.value = std::get<Date>(evaluator->eval(*rules.boundaries[b]));
                } catch (const EvalError&) {
                    // A boundary that cannot be worked out here (no assessment yet, say) is
                    // not a date in this stretch; if a rule needs it, evaluating that rule
                    // reports the error where it belongs.
                    memo.value.reset();
                }
                memo.key = std::move(key);
            }
            if (!memo.value) continue;
            // `today >= d` changes on d; `today > d` changes the day after. Cutting at
            // both keeps every stretch constant whichever comparison is used.
            for (Date cut : {*memo.value, memo.value->plus_days(1)}) {
                if (cut > s.first && cut <= s.last) cuts.push_back(cut);
                if (boundary_days && cut >= s.first && cut <= s.last)
                    boundary_days->emplace_back(cut, static_cast<std::uint32_t>(b));
            }
        }
    }
    if (boundary_days) {
        std::sort(boundary_days->begin(), boundary_days->end());
        boundary_days->erase(std::unique(boundary_days->begin(), boundary_days->end()), boundary_days->end());
    }
    if (cuts.size() == before) return stretches;
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    return cut_timeline(stretches.front().first, stretches.back().last, cuts);
}

} // namespace carecap
