// reform_by_hand.cpp: reform.rules' two meters, worked out directly from the history.
//
// The rule file, restated (each line names the definition it stands for):
//   metering_start   = max(earlier of assessment_requested and need_identified, reform_start); with
//                      neither given, reform_start for someone whose first care began before it
//   dlc_deduction    = £200 a week in residential care unless accommodation is paid separately, else £0
//   charged          = invoiced_weekly when given, else weekly_charge
//   metered_rate     = £0 before metering_start; independent budget: max(cost - other services - DLC, 0);
//                      personal budget: max(charged - DLC - the person's own (first-party) top-ups, 0)
//   care_account     accrues metered_rate up to the cap (£86,000); adjustments are accepted for
//                    verification of days under an independent budget (the last care period holding a
//                    covered day), or for a temporary change covering at least 6 weeks
//   authority_spend_after_cap accrues, once the care account has reached the cap (from the day after
//                    it does), authority_pays: independent budget: max(cost - other services - DLC, 0)
//                    (DLC never more than the cost); personal budget: max(cost - other services
//                    - max(charged - own top-ups, 0), 0)
// Accrual is a weekly rate over days, so a day is the weekly rate / 7, exactly.
#include "reform_by_hand.h"

#include <algorithm>
#include <stdexcept>

namespace carecap::bench {

namespace {

struct PeriodRates {
    Decimal care_daily;      // metered_rate / 7
    Decimal authority_daily; // authority_pays (counted once the cap is reached) / 7
};

Decimal positive_part(const Decimal& d) { return d.is_negative() ? Decimal(0) : d; }

PeriodRates rates_of(const CarePeriod& p, const ReformFigures& f) {
    const bool deducts_dlc = p.setting.word == "residential" && !p.pays_accommodation_separately;
    const Decimal dlc = deducts_dlc ? f.daily_living_costs : Decimal(0);
    Decimal other_services;
    for (const OtherService& o : p.other_services) other_services += o.weekly;
    const Decimal would_be_cost = positive_part(p.weekly_cost - other_services - dlc);
    if (p.budget.word == "independent") return {would_be_cost / Decimal(7), would_be_cost / Decimal(7)};
    // A third party's top-up is not in the person's charge, so only the person's own comes off it.
    Decimal own_top_ups;
    for (const TopUp& t : p.top_ups)
        if (t.payer.word == "first_party") own_top_ups += t.weekly;
    const Decimal& charged = p.invoiced_weekly ? *p.invoiced_weekly : p.weekly_charge;
    const Decimal weekly = positive_part(charged - dlc - own_top_ups);
    const Decimal authority = positive_part(p.weekly_cost - other_services - positive_part(charged - own_top_ups));
    return {weekly / Decimal(7), authority / Decimal(7)};
}

// The last care period holding any of the days from `from` to `to`, if any.
const CarePeriod* last_care_within(const History& h, Date from, Date to) {
    const CarePeriod* last = nullptr;
    for (const CarePeriod& p : h.care_periods)
        if (p.start <= to && (!p.end || *p.end >= from)) last = &p;
    return last;
}

bool accepted(const Adjustment& a, const History& h, const ReformFigures& f) {
    if (a.kind.word == "verification") {
        if (!a.covers_from || !a.covers_to) return false;
        const CarePeriod* p = last_care_within(h, *a.covers_from, *a.covers_to);
        return p && p->budget.word == "independent";
    }
    if (a.kind.word == "temporary_change") {
        if (!a.covers_from || !a.covers_to)
            throw std::runtime_error(a.path + ": a temporary change without the days it covers");
        return *a.covers_to - *a.covers_from + 1 >= f.minimum_adjustment_days;
    }
    if (a.kind.word.empty()) throw std::runtime_error(a.path + ": an adjustment without a kind");
    return false;
}

// The running state of both meters as days go by.
class Meters {
public:
    Meters(const History& h, const ReformFigures& f, Date first_day)
        : history_(h), figures_(f), first_day_(first_day) {}

    // Applies, at the start of `day`, every adjustment due by then. An adjustment dated before
    // the rules are in force (or before the history starts) is applied on the first day that is.
    void adjust_until(Date day) {
        const auto& list = history_.adjustments;
        while (next_ < list.size() && applied_on(next_) <= day) {
            const Adjustment& a = list[next_];
            const Date applied = applied_on(next_++);
            if (accepted(a, history_, figures_)) {
                Decimal after = out_.care_account + a.amount;
                if (after.is_negative()) after = Decimal(0);
                else if (after > figures_.cap) after = figures_.cap;
                out_.care_account = std::move(after);
            }
            if (next_ < list.size() && applied_on(next_) == applied) continue; // the same day's others first
            if (reached_ && out_.care_account < figures_.cap) reached_ = false; // accrual resumes
            if (!reached_ && out_.care_account >= figures_.cap) reach(applied);
        }
    }

    // The next day an adjustment is applied, if any (adjust_until has applied those up to now).
    std::optional<Date> next_adjustment() const {
        if (next_ == history_.adjustments.size()) return std::nullopt;
        return applied_on(next_);
    }

    // Accrues both meters over days [from, to] of care at `rates`, no adjustment falling inside.
    void accrue(Date from, Date to, const PeriodRates& rates, std::optional<Date> metering_start) {
        if (!reached_) {
            if (!metering_start)
                throw std::runtime_error("neither assessment_requested nor need_identified is given");
            const Date start = std::max(from, *metering_start);
            if (start > to) return;
            const Decimal amount = rates.care_daily * Decimal(to - start + 1);
            const Decimal room = figures_.cap - out_.care_account;
            if (amount < room) {
                out_.care_account += amount;
                return;
            }
            // The first day k (from 1) with daily * k >= room: ceil(room / daily).
            const Decimal k = (room / rates.care_daily).ceil();
            const Date day = start.plus_days(*k.to_int64() - 1);
            out_.care_account = figures_.cap;
            reach(day);
            from = day.plus_days(1); // reached(care_account) reads true from the next day
            if (from > to) return;
        }
        out_.authority_spend += rates.authority_daily * Decimal(to - from + 1);
    }

    ReformMeters finish() { return std::move(out_); }

private:
    Date applied_on(std::size_t i) const { return std::max(history_.adjustments[i].date, first_day_); }

    void reach(Date day) {
        reached_ = true;
        if (!out_.reached_on) out_.reached_on = day;
    }

    const History& history_;
    const ReformFigures& figures_;
    Date first_day_;
    std::size_t next_ = 0;
    bool reached_ = false;
    ReformMeters out_;
};

} // namespace

ReformMeters meter_reform_by_hand(const History& h, const ReformFigures& f) {
    const std::optional<Date> horizon = h.horizon();
    if (h.care_periods.empty() || !horizon) return {};
    const Date last = *horizon;
    const Date first_day = std::max(f.in_force, h.care_periods.front().start);
    if (last < first_day) return {};

    std::optional<Date> asked = h.assessment_requested;
    if (h.need_identified && (!asked || *h.need_identified < *asked)) asked = h.need_identified;
    std::optional<Date> metering_start;
    if (asked) metering_start = std::max(*asked, f.reform_start);
    else if (h.care_periods.front().start < f.reform_start) metering_start = f.reform_start;

    Meters meters(h, f, first_day);
    for (const CarePeriod& p : h.care_periods) {
        Date from = std::max(p.start, first_day);
        const Date to = std::min(p.end ? *p.end : last, last);
        if (from > to) continue;
        const PeriodRates rates = rates_of(p, f);
        for (;;) {
            meters.adjust_until(from);
            const std::optional<Date> next = meters.next_adjustment();
            const Date piece_end = next && *next <= to ? next->plus_days(-1) : to;
            meters.accrue(from, piece_end, rates, metering_start);
            if (piece_end == to) break;
            from = piece_end.plus_days(1);
        }
    }
    meters.adjust_until(last); // adjustments after the last care day still change the total
    return meters.finish();
}

} // namespace carecap::bench
