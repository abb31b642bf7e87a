// evaluation/loan.cpp: a meter that charges interest, as a deferred payment agreement does (Care Act 2014 s34;
// the Care and Support (Deferred Payment) Regulations 2014 reg 9): the interest and the agreement's fees
// are added to the total, which is what the person owes. docs/language.md, "Meters that charge interest".
//
// Interest is worked out day by day at the meter's yearly rate / 365 on the total at the start of the day
// (what was deferred, the fees and the interest already added: compound interest), and is added to the total
// on the first day of each month, rounded to the penny (halves away from zero). The timeline is cut on the
// 1st of every month for such a meter (runtime/evaluation/engine.cpp), so within a stretch the total still grows in a
// straight line and the interest over it has a closed form.
#include "runtime/evaluation/meter.h"

#include "stdlib/format.h"

namespace carecap {

namespace {

const Decimal days_in_year(365);
const Decimal penny = Decimal::ratio(1, 100);

} // namespace

void MeterRunner::add_interest_and_fees(Date day, const History& history) {
    if (day.day() == 1 && !interest_pending_.is_zero()) {
        const Decimal before = total_.total;
        const Decimal added = interest_pending_.round_to(penny, Rounding::half_up);
        total_.total = total_.total + added;
        total_.interest_added = total_.interest_added + added;
        total_.events.push_back({MeterEvent::Kind::interest_added, day,
                                 "interest of " + money(added) + " for the month before added (earned: " +
                                     interest_pending_.to_fixed(6, Rounding::half_up) + ", to the penny)",
                                 meter_->interest->span.where(), before, total_.total});
        interest_pending_ = Decimal(0);
    }
    if (!history.deferred_payment) return;
    const auto& fees = history.deferred_payment->fees;
    while (next_fee_ < fees.size() && fees[next_fee_].date <= day) {
        const DeferredPaymentFee& f = fees[next_fee_++];
        const Decimal before = total_.total;
        total_.total = total_.total + f.amount;
        total_.fees_added = total_.fees_added + f.amount;
        total_.events.push_back({MeterEvent::Kind::fee_added, f.date, "fee of " + money(f.amount) + " added: " + f.reason,
                                 f.path, before, total_.total});
    }
}

void MeterRunner::earn_interest(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, const Decimal& start) {
    out.charges_interest = true;
    out.interest_rate = std::get<Decimal>(evaluator.eval(*meter_->interest));
    if (out.interest_rate.is_negative())
        throw EvalError(meter_->interest->span, "the interest of meter `" + meter_->name + "` is negative on " +
                                                    stretch.first.to_string() + " (" + percent(out.interest_rate) + ")");
    if (out.interest_rate.is_zero()) return;
    // Day i (0 to k-1) starts with start + i x daily: the sum over the stretch is
    // k x start + daily x k(k-1)/2, charged at the yearly rate / 365 a day.
    const Decimal k(stretch.days());
    const Decimal daily = out.metering ? out.daily : Decimal(0);
    const Decimal balance_days = k * start + daily * k * (k - Decimal(1)) / Decimal(2);
    out.interest = balance_days * out.interest_rate / days_in_year;
    interest_pending_ = interest_pending_ + out.interest;
}

} // namespace carecap
