// meter.cpp: exact accrual, the ceiling day, rescaling on a new ceiling, adjustments.
#include "runtime/evaluation/meter.h"

#include "stdlib/format.h"
#include "runtime/evaluation/inputs.h"

namespace carecap {

namespace {

// Each rate and ceiling is bounded by the evaluator, but a sum of rates over different
// denominators (or a chain of rescalings) can grow by one denominator a stretch: the running
// total is held to the same bound as any value (the limit value_bits).
void check_total_size(const RuleSet& rules, const MeterDecl& meter, const Decimal& total, Date day) {
    const std::size_t bits = total.bits();
    if (bits <= rules.limits.value_bits) return;
    throw EvalError(meter.span, "the total of meter `" + meter.name + "` on " + day.to_string() +
                                    " would be a number of " + std::to_string(bits) + " bits, over the limit of " +
                                    std::to_string(rules.limits.value_bits) +
                                    " bits for the numerator or denominator of one value (the limit value_bits)");
}

// Why an adjustment was not accepted: the reason the rule file gives for people, else the rule itself.
std::string refusal_reason(const MeterDecl& meter) {
    if (!meter.refusal.empty()) return meter.refusal;
    return "the rules do not accept it (" + one_line(meter.accepts_adjustments->span.text()) + ")";
}

} // namespace

Decimal days_to_reach(const Decimal& room, const Decimal& daily) { return (room / daily).ceil(); }

MeterRunner::MeterRunner(const RuleSet& rules, const MeterDecl& meter, bool primary, Decimal total)
    : rules_(&rules), meter_(&meter), primary_(primary) {
    total_.meter = &meter;
    total_.total = std::move(total);
}

void MeterRunner::use_rules(const RuleSet& rules, const MeterDecl& meter) {
    if (meter_ == &meter) return;
    rules_ = &rules;
    meter_ = &meter;
    last_rate_.reset(); // the rate's unit may differ under other rules
}

MeterRunner::Mark MeterRunner::mark() const {
    return {total_.total, total_.ceiling, total_.reached_on, total_.events.size(), ceiling_, started_, reached_,
            next_adjustment_, interest_pending_, total_.interest_added, total_.fees_added, next_fee_};
}

void MeterRunner::rewind(const Mark& m) {
    total_.total = m.total;
    total_.ceiling = m.total_ceiling;
    total_.reached_on = m.reached_on;
    total_.events.erase(total_.events.begin() + static_cast<std::ptrdiff_t>(m.events), total_.events.end());
    ceiling_ = m.ceiling;
    started_ = m.started;
    reached_ = m.reached;
    next_adjustment_ = m.next_adjustment;
    interest_pending_ = m.interest_pending;
    total_.interest_added = m.interest_added;
    total_.fees_added = m.fees_added;
    next_fee_ = m.next_fee;
}

void MeterRunner::reach(Date day, const Decimal& before) {
    reached_ = true;
    if (!total_.reached_on) total_.reached_on = day;
    total_.events.push_back({MeterEvent::Kind::reached, day, "reached the ceiling of " + money(*ceiling_),
                             meter_->span.where(), before, total_.total});
}

void MeterRunner::change_ceiling(Date day, const Decimal& ceiling) {
    if (ceiling.is_negative())
        throw EvalError(meter_->ceiling->span, "the ceiling of meter `" + meter_->name + "` is negative on " +
                                                   day.to_string() + " (" + money(ceiling) + ")");
    if (ceiling_ && ceiling != *ceiling_) {
        Decimal before = total_.total;
        std::string text = "ceiling changed from " + money(*ceiling_) + " to " + money(ceiling);
        if (meter_->keeps_percentage && ceiling_->sign() > 0) {
            // Progress keeps its share of the ceiling: 50% of the old is 50% of the new.
            total_.total = total_.total * ceiling / *ceiling_;
            check_total_size(*rules_, *meter_, total_.total, day);
            text += "; progress kept at " + percent(before / *ceiling_) + ", so the total goes from " + money(before) +
                    " to " + money(total_.total);
        }
        total_.events.push_back({MeterEvent::Kind::ceiling_changed, day, text, meter_->ceiling->span.where(), before,
                                 total_.total});
    }
    ceiling_ = ceiling;
    total_.ceiling = ceiling;
}

void MeterRunner::apply_adjustments(Date day, const History& history, const std::vector<char>& reached) {
    if (!primary_) return;
    const auto& adjustments = history.adjustments;
    while (next_adjustment_ < adjustments.size() && adjustments[next_adjustment_].date <= day) {
        const Adjustment& a = adjustments[next_adjustment_++];
        Decimal before = total_.total;
        if (meter_->accepts_adjustments) {
            // The rules say which adjustments may change the total (six weeks or more, say).
            HistoryState state = history_state_on(history, a.date);
            state.adjustment = &a;
            Evaluator evaluator({*rules_, history, state, a.date, &reached});
            if (!std::get<bool>(evaluator.eval(*meter_->accepts_adjustments))) {
                total_.events.push_back({MeterEvent::Kind::adjustment_refused, a.date,
                                         "not adjusted by " + money(a.amount) + " (" + a.reason + "): " + refusal_reason(*meter_),
                                         a.path, before, before});
                continue;
            }
        }
        Decimal after = before + a.amount;
        std::string note;
        if (after.is_negative()) {
            after = Decimal(0);
            note = " (limited: the total cannot go below £0.00)";
        } else if (ceiling_ && after > *ceiling_) {
            after = *ceiling_;
            note = " (limited to the ceiling " + money(*ceiling_) + ")";
        }
        total_.total = after;
        total_.events.push_back({MeterEvent::Kind::adjusted, a.date,
                                 "adjusted by " + money(a.amount) + ": " + a.reason + note, a.path, before, after});
    }
}

MeterStretch MeterRunner::step(const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate, const History& history,
                               const std::vector<char>& reached) {
    MeterStretch out;
    open(out, stretch, evaluator, evaluate_rate, history, reached);
    accrue(out, stretch, evaluator, evaluate_rate);
    return out;
}

void MeterRunner::open(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate,
                       const History& history, const std::vector<char>& reached) {
    if (meter_->ceiling) {
        std::optional<Decimal> ceiling;
        try {
            ceiling = std::get<Decimal>(evaluator.eval_root(*meter_->ceiling));
        } catch (const EvalError&) {
            // Between care periods a ceiling that reads the care (the setting, say) has no
            // value; nothing accrues there, so the last ceiling stands until care resumes.
            if (evaluate_rate || !ceiling_) throw;
        }
        if (ceiling) change_ceiling(stretch.first, *ceiling);
    }
    apply_adjustments(stretch.first, history, reached);
    if (meter_->interest) add_interest_and_fees(stretch.first, history);
    if (ceiling_) {
        if (reached_ && total_.total < *ceiling_) {
            // The ceiling rose past a total that had reached it, or an adjustment took the
            // total back below it: accrual resumes.
            reached_ = false;
            total_.events.push_back({MeterEvent::Kind::ceiling_changed, stretch.first,
                                     "the total " + money(total_.total) + " is below the ceiling of " +
                                         money(*ceiling_) + " again, so accrual resumes",
                                     meter_->span.where(), total_.total, total_.total});
        }
        if (!reached_ && total_.total >= *ceiling_) reach(stretch.first, total_.total);
        out.ceiling = *ceiling_;
    }
    out.has_ceiling = ceiling_.has_value();
    out.total_start = total_.total;
}

void MeterRunner::accrue(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate) {
    const Decimal start = total_.total;
    accrue_rate(out, stretch, evaluator, evaluate_rate);
    if (meter_->interest && stretch.rules_in_force) earn_interest(out, stretch, evaluator, start);
}

void MeterRunner::accrue_rate(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate) {
    if (!evaluate_rate || reached_) return;

    out.per = meter_->rate->type.per;
    out.rate = std::get<Decimal>(evaluator.eval_root(*meter_->rate));
    out.metering = true;
    if (out.rate.is_negative())
        throw EvalError(meter_->rate->span, "the rate of meter `" + meter_->name + "` is negative on " +
                                                stretch.first.to_string() + " (" + money(out.rate) + " per " +
                                                to_string(out.per) + "); a meter only accrues",
                        stretch.care ? stretch.care->path : "");
    // Most stretches meter at the same rate as the one before (only something the rate does not
    // read changed), or at nothing: the day's rate is then known without dividing again.
    if (out.rate.is_zero()) out.daily = Decimal(0);
    else if (last_rate_ && *last_rate_ == out.rate) out.daily = last_daily_;
    else {
        out.daily = out.per == Per::week ? out.rate / Decimal(7) : out.rate;
        last_rate_ = out.rate;
        last_daily_ = out.daily;
    }
    if (!started_ && out.daily.sign() > 0) {
        started_ = true;
        total_.events.push_back({MeterEvent::Kind::started, stretch.first,
                                 "started accruing at " + money(out.rate) + " per " + to_string(out.per),
                                 meter_->rate->span.where(), total_.total, total_.total});
    }
    if (out.daily.is_zero()) return; // nothing accrues: out.accrued stays £0
    if (meter_->whole_weeks) return accrue_whole_weeks(out, stretch);
    if (add_below_ceiling(out, out.daily * Decimal(stretch.days()), stretch.first)) return;
    // The ceiling falls inside this stretch.
    Decimal room = *ceiling_ - total_.total;
    Decimal k = days_to_reach(room, out.daily);
    Date day = stretch.first.plus_days(*k.to_int64() - 1);
    Decimal day_before = total_.total + out.daily * (k - Decimal(1)); // the total at the end of the day before
    out.accrued = room;
    out.reached_on = day;
    total_.total = *ceiling_;
    reach(day, day_before);
}

// Adds what the stretch accrues when the total stays below the ceiling (or there is none): true if so. False
// leaves the total alone, for the caller to find the day the ceiling is reached.
bool MeterRunner::add_below_ceiling(MeterStretch& out, Decimal amount, Date first) {
    Decimal after = total_.total + amount;
    check_total_size(*rules_, *meter_, after, first);
    if (ceiling_ && after >= *ceiling_) return false;
    out.accrued = std::move(amount);
    total_.total = std::move(after);
    return true;
}

// `accrues by whole weeks`: the weekly rate on the last day of each whole week of care in the stretch. The
// ceiling is reached on the k-th of those days, the first on which k weeks' rates reach the room left.
void MeterRunner::accrue_whole_weeks(MeterStretch& out, const Stretch& stretch) {
    out.whole_weeks = true;
    const std::int64_t weeks = whole_weeks_ending(stretch.care, stretch.first, stretch.last);
    if (weeks == 0) return;
    if (add_below_ceiling(out, out.rate * Decimal(weeks), stretch.first)) return;
    Decimal room = *ceiling_ - total_.total;
    const std::int64_t k = *(room / out.rate).ceil().to_int64();
    const std::int64_t into_week = (stretch.first - stretch.care->start) % 7;
    const Date first_end = stretch.first.plus_days(6 - into_week);
    Date day = first_end.plus_days(7 * (k - 1));
    Decimal day_before = total_.total + out.rate * Decimal(k - 1); // the total before that week's rate
    out.accrued = room;
    out.reached_on = day;
    total_.total = *ceiling_;
    reach(day, day_before);
}

} // namespace carecap
