// checks.cpp: the invariants of a care account, read from the stretches and events the engine
// produced (runtime/evaluation/account.h). Each is stated from the guidance, never from the engine's code: a
// bound or a balance that any correct account obeys, whatever figures the rules set.
#include "tests/invariants/checks.h"

#include "lang/show.h"

#include <algorithm>

namespace carecap::invariants {

namespace {

// "£1,234.57 (exactly 8641/7)" where the amount is not a whole number of pence.
std::string show(const Decimal& d) {
    std::string s = money(d);
    if (!(d * Decimal(100)).is_integer()) s += " (exactly " + d.to_exact() + ")";
    return s;
}

std::string where(const Stretch& s, const std::string& meter) {
    return "meter `" + meter + "`, stretch " + s.first.to_string() + " to " + s.last.to_string() + ": ";
}

std::optional<std::size_t> meter_index(const RuleSet& rules, const std::string& name) {
    for (std::size_t m = 0; m < rules.meter_order.size(); ++m)
        if (rules.meter_order[m]->name == name) return m;
    return std::nullopt;
}

const Account& account(const Case& c) { return *c.evaluated.account; }

// The stretch in force whose ceiling applied to an event on `day`: the one holding the day, or, for
// an adjustment dated before the rules were in force or before care began, the first in force.
const Stretch* in_force_on_or_after(const Account& a, Date day) {
    for (const Stretch& s : a.stretches)
        if (s.rules_in_force && s.last >= day) return &s;
    return nullptr;
}

Decimal weekly(const MeterStretch& ms) { return ms.per == Per::day ? ms.rate * Decimal(7) : ms.rate; }

Decimal clamp(const Decimal& v, const Decimal& lo, const Decimal& hi) { return v < lo ? lo : v > hi ? hi : v; }

const Adjustment* adjustment_at(const History& h, const std::string& path) {
    for (const Adjustment& a : h.adjustments)
        if (a.path == path) return &a;
    return nullptr;
}

} // namespace

// (a) Whatever a meter with a ceiling records (at the start and end of every stretch, at every event,
// at the end) is never above the ceiling in force then.
Failure cap_never_exceeded(const Case& c) {
    const Account& a = account(c);
    for (std::size_t m = 0; m < a.meters.size(); ++m) {
        const std::string& name = c.rules.meter_order[m]->name;
        if (!c.rules.meter_order[m]->ceiling) continue;
        for (const Stretch& s : a.stretches) {
            if (!s.rules_in_force) continue;
            const MeterStretch& ms = s.meters[m];
            const Decimal end = ms.total_start + ms.accrued;
            if (ms.total_start > ms.ceiling || end > ms.ceiling)
                return where(s, name) + "the total goes from " + show(ms.total_start) + " to " + show(end) +
                       ", above the ceiling of " + show(ms.ceiling);
        }
        const MeterTotal& t = a.meters[m];
        if (t.ceiling && t.total > *t.ceiling)
            return "meter `" + name + "`: the final total " + show(t.total) + " is above the ceiling of " + show(*t.ceiling);
        for (const MeterEvent& e : t.events) {
            const Stretch* s = in_force_on_or_after(a, e.date);
            if (s && e.after > s->meters[m].ceiling)
                return "meter `" + name + "`: on " + e.date.to_string() + " (" + e.text + ") the total becomes " +
                       show(e.after) + ", above the ceiling of " + show(s->meters[m].ceiling);
        }
    }
    return {};
}

// (b) From one stretch to the next a total changes only through the events recorded on the way
// (adjustments and changes of ceiling), exactly; it falls only through an accepted adjustment that
// takes costs off, or through a lower ceiling on a meter that keeps its percentage, rescaled exactly
// (004, 2.2 Adjustments to the cap). Within a stretch it only grows, by at most the rate times the days.
Failure total_falls_only_by_adjustment_or_kept_percentage(const Case& c) {
    const Account& a = account(c);
    const History& h = *c.evaluated.history;
    for (std::size_t m = 0; m < a.meters.size(); ++m) {
        const MeterDecl& meter = *c.rules.meter_order[m];
        const MeterTotal& t = a.meters[m];
        Decimal previous_end;
        std::optional<Decimal> previous_ceiling;
        std::optional<Date> previous_first;
        for (const Stretch& s : a.stretches) {
            if (!s.rules_in_force) continue;
            const MeterStretch& ms = s.meters[m];
            Decimal changes;
            for (const MeterEvent& e : t.events) {
                if (e.date > s.first || (previous_first && e.date <= *previous_first)) continue;
                const std::string at = where(s, meter.name) + "on " + e.date.to_string() + " (" + e.text + "): ";
                if (e.kind == MeterEvent::Kind::adjustment_refused && e.after != e.before)
                    return at + "a refused adjustment changed the total from " + show(e.before) + " to " + show(e.after);
                if (e.kind == MeterEvent::Kind::adjusted) {
                    const Adjustment* adj = adjustment_at(h, e.source);
                    if (!adj) return at + "an adjustment names `" + e.source + "`, which is not an adjustment of the history";
                    // Added as it is, but the total never goes below £0 or above the ceiling.
                    const Decimal expected = clamp(e.before + adj->amount, Decimal(0), ms.has_ceiling ? ms.ceiling : e.before + adj->amount);
                    if (e.after != expected)
                        return at + "adjusting " + show(e.before) + " by " + show(adj->amount) + " gave " + show(e.after) +
                               ", not " + show(expected);
                } else if (e.kind == MeterEvent::Kind::ceiling_changed && e.after != e.before) {
                    if (!meter.keeps_percentage)
                        return at + "the ceiling changed the total from " + show(e.before) + " to " + show(e.after) +
                               " on a meter that does not keep its percentage";
                    if (!previous_ceiling || previous_ceiling->sign() <= 0 || e.after != e.before * ms.ceiling / *previous_ceiling)
                        return at + "the total went from " + show(e.before) + " to " + show(e.after) +
                               ", not the same share of the new ceiling " + show(ms.ceiling) + " as of the old " +
                               (previous_ceiling ? show(*previous_ceiling) : "(none)");
                } else if (e.after != e.before && e.kind != MeterEvent::Kind::reached) {
                    return at + "an event that is not a change changed the total from " + show(e.before) + " to " + show(e.after);
                } else {
                    continue;
                }
                changes += e.after - e.before;
            }
            if (ms.total_start != previous_end + changes)
                return where(s, meter.name) + "the total starts at " + show(ms.total_start) + " after ending the stretch before at " +
                       show(previous_end) + ", a change of " + show(ms.total_start - previous_end) + " where the events recorded on the way add up to " +
                       show(changes);
            if (ms.accrued.is_negative())
                return where(s, meter.name) + "accrued a negative amount, " + show(ms.accrued);
            const Decimal most = ms.metering ? ms.daily * Decimal(s.days()) : Decimal(0);
            if (ms.accrued > most)
                return where(s, meter.name) + "accrued " + show(ms.accrued) + ", more than " + show(most) + " (the daily rate " +
                       show(ms.daily) + " for " + std::to_string(s.days()) + " days" + (ms.metering ? ")" : "; not metering)");
            previous_end = ms.total_start + ms.accrued;
            previous_ceiling = ms.ceiling;
            previous_first = s.first;
        }
        if (previous_first && t.total != previous_end)
            return "meter `" + meter.name + "`: the final total " + show(t.total) + " is not where the last stretch ended, " + show(previous_end);
    }
    return {};
}

// (c) The cap meter counts at most what the history records as the cost of the care for that period:
// with a personal budget, what the person was charged (what invoices show, where given) less their own
// top-ups, which never count (a third party's is not in the charge); with an independent personal budget, what meeting the needs would cost the
// authority less services met under other legislation, which never count (004, 2.2, 3.4). A meter
// that records what the authority pays after the cap never records more than the cost of the care.
Failure rate_within_what_the_history_records(const Case& c) {
    if (c.profile.cap_meter.empty()) return {};
    const Account& a = account(c);
    const std::size_t m = *meter_index(c.rules, c.profile.cap_meter);
    for (const Stretch& s : a.stretches) {
        if (!s.rules_in_force || !s.care) continue;
        const CarePeriod& p = *s.care;
        const MeterStretch& ms = s.meters[m];
        if (ms.metering && ms.daily * Decimal(7) != weekly(ms))
            return where(s, c.profile.cap_meter) + "the daily rate " + show(ms.daily) + " is not the weekly rate " + show(weekly(ms)) + " / 7";
        Decimal bound = p.weekly_cost;
        std::string what = p.path + ".weekly_cost " + show(p.weekly_cost);
        if (c.profile.bound == RateBound::reform_budgets) {
            Decimal extras;
            if (p.budget.word == "personal") {
                bound = p.invoiced_weekly ? *p.invoiced_weekly : p.weekly_charge;
                what = p.path + (p.invoiced_weekly ? ".invoiced_weekly " : ".weekly_charge ") + show(bound);
                // Only the person's own top-ups are in their charge; a third party's never was.
                for (const TopUp& t : p.top_ups)
                    if (t.payer.word == "first_party") extras += t.weekly;
                what += " less first-party top-ups " + show(extras);
            } else {
                for (const OtherService& o : p.other_services) extras += o.weekly;
                what += " less other services " + show(extras);
            }
            bound = std::max(bound - extras, Decimal(0));
        }
        if (ms.metering && weekly(ms) > bound)
            return where(s, c.profile.cap_meter) + "counts " + show(weekly(ms)) + " a week, more than " + what + " = " + show(bound);
        for (const std::string& after : c.profile.after_cap) {
            const MeterStretch& as = s.meters[*meter_index(c.rules, after)];
            if (as.metering && weekly(as) > p.weekly_cost)
                return where(s, after) + "records " + show(weekly(as)) + " a week, more than " + p.path + ".weekly_cost " + show(p.weekly_cost);
        }
    }
    return {};
}

// (d) Once the cap meter has reached its ceiling it counts nothing more until the ceiling rises or an
// adjustment takes the total back below it; it stops on the exact day the ceiling is reached; and a
// meter of what the authority pays after the cap counts only while the cap is reached (004, 2.2
// Approaching and reaching the cap).
Failure nothing_meters_once_the_cap_is_reached(const Case& c) {
    if (c.profile.cap_meter.empty()) return {};
    const Account& a = account(c);
    const std::size_t m = *meter_index(c.rules, c.profile.cap_meter);
    for (const Stretch& s : a.stretches) {
        if (!s.rules_in_force) continue;
        const MeterStretch& ms = s.meters[m];
        const bool reached = ms.total_start >= ms.ceiling;
        if (reached && (ms.metering || ms.accrued.sign() != 0))
            return where(s, c.profile.cap_meter) + "counts " + show(ms.accrued) + " although the total " + show(ms.total_start) +
                   " has reached the ceiling of " + show(ms.ceiling);
        if (ms.reached_on) {
            const Date d = *ms.reached_on;
            if (d < s.first || d > s.last) return where(s, c.profile.cap_meter) + "reached on " + d.to_string() + ", outside the stretch";
            const Decimal days = Decimal(d - s.first + 1);
            const Decimal day_before = ms.total_start + ms.daily * (days - Decimal(1)), on_the_day = ms.total_start + ms.daily * days;
            if (!(day_before < ms.ceiling && ms.ceiling <= on_the_day))
                return where(s, c.profile.cap_meter) + "reported reached on " + d.to_string() + ", but the total is " + show(day_before) +
                       " the day before and " + show(on_the_day) + " that day, against a ceiling of " + show(ms.ceiling);
            if (ms.total_start + ms.accrued != ms.ceiling)
                return where(s, c.profile.cap_meter) + "reached the ceiling of " + show(ms.ceiling) + " but ends at " +
                       show(ms.total_start + ms.accrued);
        } else if (ms.metering && ms.accrued != ms.daily * Decimal(s.days())) {
            return where(s, c.profile.cap_meter) + "stopped at " + show(ms.accrued) + " without reaching the ceiling (" +
                   show(ms.daily) + " a day for " + std::to_string(s.days()) + " days is " + show(ms.daily * Decimal(s.days())) + ")";
        }
        for (const std::string& after : c.profile.after_cap) {
            const MeterStretch& as = s.meters[*meter_index(c.rules, after)];
            if (as.accrued.sign() > 0 && !reached)
                return where(s, after) + "records " + show(as.accrued) + " although `" + c.profile.cap_meter + "` stands at " +
                       show(ms.total_start) + ", below the ceiling of " + show(ms.ceiling);
        }
    }
    return {};
}

// (e) No meter counts a day before the rules are in force, before the reform starts, or (for the
// reform) before the person asked for an assessment or the authority identified the need, whichever
// came first (004, 2.2: costs before the request, and before October 2023, do not count).
Failure nothing_meters_before_metering_starts(const Case& c) {
    const Account& a = account(c);
    const History& h = *c.evaluated.history;
    Date start = std::max(c.profile.reform_start, c.rules.header().in_force);
    std::string why = "the reform starts on " + c.profile.reform_start.to_string() + " and the rules are in force from " +
                      c.rules.header().in_force.to_string();
    if (c.profile.from_request && (h.assessment_requested || h.need_identified)) {
        const Date asked = h.assessment_requested && h.need_identified ? std::min(*h.assessment_requested, *h.need_identified)
                           : h.assessment_requested                   ? *h.assessment_requested
                                                                      : *h.need_identified;
        start = std::max(start, asked);
        why += "; asked for or identified on " + asked.to_string();
    }
    for (std::size_t m = 0; m < a.meters.size(); ++m) {
        const std::string& name = c.rules.meter_order[m]->name;
        for (const Stretch& s : a.stretches) {
            if (m >= s.meters.size() || s.meters[m].accrued.sign() == 0) continue;
            if (!s.rules_in_force || s.first < start)
                return where(s, name) + "counts " + show(s.meters[m].accrued) + " on days before " + start.to_string() + " (" + why + ")";
        }
        for (const MeterEvent& e : a.meters[m].events)
            if (e.kind == MeterEvent::Kind::started && e.date < start)
                return "meter `" + name + "`: started on " + e.date.to_string() + ", before " + start.to_string() + " (" + why + ")";
    }
    return {};
}

// (h) A meter declared without a ceiling reports none on every stretch (`"ceiling": null`,
// docs/result.md), and a meter with one reports one wherever the rules are in force.
Failure ceilings_as_declared(const Case& c) {
    const Account& a = account(c);
    for (std::size_t m = 0; m < a.meters.size(); ++m) {
        const MeterDecl& meter = *c.rules.meter_order[m];
        for (const Stretch& s : a.stretches) {
            if (m >= s.meters.size()) continue;
            const MeterStretch& ms = s.meters[m];
            const std::string when = s.rules_in_force ? "" : " (before the rules are in force)";
            if (!meter.ceiling && ms.has_ceiling)
                return where(s, meter.name) + "reports a ceiling of " + show(ms.ceiling) + when + ", but the meter has none";
            if (meter.ceiling && s.rules_in_force && !ms.has_ceiling)
                return where(s, meter.name) + "reports no ceiling, but the rules give the meter one";
        }
    }
    return {};
}

const std::vector<Invariant>& invariants() {
    static const std::vector<Invariant> all = {
        {"cap_never_exceeded", false, cap_never_exceeded},
        {"total_falls_only_by_adjustment_or_kept_percentage", false, total_falls_only_by_adjustment_or_kept_percentage},
        {"rate_within_what_the_history_records", false, rate_within_what_the_history_records},
        {"nothing_meters_once_the_cap_is_reached", false, nothing_meters_once_the_cap_is_reached},
        {"nothing_meters_before_metering_starts", false, nothing_meters_before_metering_starts},
        {"ceilings_as_declared", false, ceilings_as_declared},
        {"independent_of_document_order", true, independent_of_document_order},
        {"same_result_twice", true, same_result_twice},
    };
    return all;
}

} // namespace carecap::invariants
