// meter.h: a running total of a rate over time with a ceiling. The rate is
// integrated exactly over each stretch, and the day the ceiling is reached is
// solved for directly, never found by stepping through days or weeks.
#pragma once

#include "runtime/account.h"
#include "runtime/evaluate.h"

namespace carecap {

class MeterRunner {
public:
    MeterRunner(const MeterDecl& meter, bool primary) : meter_(meter), primary_(primary) { total_.meter = &meter; }

    // Accrues over one stretch. `evaluator` works out the rate and ceiling there;
    // `evaluate_rate` is false where nothing can accrue (no care, rules not in force).
    MeterStretch step(const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate, const History& history);

    MeterTotal finish() { return std::move(total_); }

private:
    void apply_adjustments(Date day, const History& history);

    const MeterDecl& meter_;
    bool primary_;               // history adjustments go to the primary (first) meter
    MeterTotal total_;
    std::optional<Decimal> ceiling_;
    bool started_ = false;
    bool reached_ = false;
    std::size_t next_adjustment_ = 0;
};

} // namespace carecap
