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
