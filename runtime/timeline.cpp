// timeline.cpp: change dates, stretches, and the dates rules compare `today` with.
#include "runtime/timeline.h"

#include "runtime/evaluate.h"
#include "runtime/inputs.h"

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

std::vector<Stretch> cut_at_boundaries(const RuleSet& rules, const History& history, std::vector<Stretch> stretches,
                                       std::vector<Date> cuts) {
    if (rules.boundaries.empty() || stretches.empty()) return stretches;
    std::size_t before = cuts.size();
    for (auto& s : stretches) {
        HistoryState state = history_state_on(history, s.first);
        Evaluator evaluator(rules, history, state, s.first);
        for (const Expr* boundary : rules.boundaries) {
            try {
                Date d = std::get<Date>(evaluator.eval(*boundary));
                // `today >= d` changes on d; `today > d` changes the day after. Cutting at
                // both keeps every stretch constant whichever comparison is used.
                for (Date cut : {d, d.plus_days(1)})
                    if (cut > s.first && cut <= s.last) cuts.push_back(cut);
            } catch (const EvalError&) {
                // A boundary that cannot be worked out here (no assessment yet, say) is
                // not a date in this stretch; if a rule needs it, evaluating that rule
                // reports the error where it belongs.
            }
        }
    }
    if (cuts.size() == before) return stretches;
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    return cut_timeline(stretches.front().first, stretches.back().last, cuts);
}

} // namespace carecap
