// account.cpp: what a worked-out care account answers about any day of it (account.h).
#include "runtime/evaluation/account.h"

#include <algorithm>
#include <iterator>

namespace carecap {

std::vector<char> Account::reached_on(Date day) const {
    std::vector<char> out(meters.size(), 0);
    const Stretch* s = stretch_on(day);
    if (!s || !s->rules_in_force) return out;
    for (std::size_t m = 0; m < meters.size() && m < s->meters.size(); ++m)
        out[m] = s->meters[m].has_ceiling && total_at_end_of(m, day.plus_days(-1)) >= s->meters[m].ceiling;
    return out;
}

RulesInForce Account::rules_in_force() const {
    RulesInForce out;
    out.sets = rule_sets;
    out.by_authority = by_authority;
    out.chosen_by_authority = chosen_by_authority;
    out.names = authority_names;
    return out;
}

const RuleSet& Account::rules_on(Date day) const {
    const Stretch* s = stretch_on(day);
    return s ? rules_of(*s) : *rules;
}

const Stretch* Account::stretch_on(Date day) const {
    auto it = std::upper_bound(stretches.begin(), stretches.end(), day,
                               [](Date d, const Stretch& s) { return d < s.first; });
    if (it == stretches.begin()) return nullptr;
    const Stretch& s = *std::prev(it);
    return day <= s.last ? &s : nullptr;
}

std::int64_t whole_weeks_ending(const CarePeriod* care, Date first, Date last) {
    if (!care || last < first) return 0;
    const std::int64_t into_week = (first - care->start) % 7; // 0 on the first day of a week of care
    const Date first_end = first.plus_days(6 - (into_week < 0 ? into_week + 7 : into_week));
    return last < first_end ? 0 : (last - first_end) / 7 + 1;
}

Decimal Account::total_at_end_of(std::size_t m, Date day) const {
    if (stretches.empty() || day < stretches.front().first) return Decimal(0);
    const Stretch* s = stretch_on(day);
    if (!s) return meters[m].total;
    const MeterStretch& ms = s->meters[m];
    if (!ms.metering) return ms.total_start;
    // Within a stretch accrual is linear (by days, or by the weeks ended) until the ceiling stops it.
    Decimal so_far = ms.whole_weeks ? ms.rate * Decimal(whole_weeks_ending(s->care, s->first, day))
                                    : ms.daily * Decimal(day - s->first + 1);
    return ms.total_start + (so_far < ms.accrued ? so_far : ms.accrued);
}

} // namespace carecap
