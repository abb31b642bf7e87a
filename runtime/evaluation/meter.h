// meter.h: a running total of a rate over time, usually with a ceiling. The rate
// is integrated exactly over each stretch, and the day the ceiling is reached is
// solved for directly, never found by stepping through days or weeks.
#pragma once

#include "runtime/evaluation/account.h"
#include "runtime/evaluation/evaluate.h"

namespace carecap {

// Copyable, so that the engine can try a stretch, see a ceiling reached inside
// it, and redo the stretch cut at that day.
// How many days from a stretch's first a total `room` below its ceiling takes to reach it at `daily` a day
// (daily > 0): the first day k (1-based) on which daily * k >= room, ceil(room / daily). No stepping through
// the days.
Decimal days_to_reach(const Decimal& room, const Decimal& daily);

class MeterRunner {
public:
    // `total` is where the meter starts (a projection may start part-way).
    MeterRunner(const RuleSet& rules, const MeterDecl& meter, bool primary, Decimal total = Decimal(0));

    // Accrues over one stretch. `evaluator` works out the rate and ceiling there;
    // `evaluate_rate` is false where nothing can accrue (no care, rules not in force).
    MeterStretch step(const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate, const History& history,
                      const std::vector<char>& reached);
    // The same in two phases, so that rules reading reached(m) over a stretch see the
    // meter as it stands after the first day's new ceiling and adjustments:
    // open() applies those; accrue() works out the rate and integrates it.
    void open(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate,
              const History& history, const std::vector<char>& reached);
    // open() fills a new (default) record; accrue() completes it in place (a record holds ten big integers:
    // filling it where it lies spares moving them).
    void accrue(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate);

    bool reached() const { return reached_; }
    const Decimal& total() const { return total_.total; }

    // Goes on under another rule set's declaration of the same meter (a move to an authority
    // with rules of its own): the total, ceiling and events carry on.
    void use_rules(const RuleSet& rules, const MeterDecl& meter);

    // Where the runner stands: enough to come back to it without copying its events, which
    // only ever grow. The engine marks every runner before a stretch and rewinds them when
    // the stretch must be redone.
    struct Mark {
        Decimal total;
        std::optional<Decimal> total_ceiling;
        std::optional<Date> reached_on;
        std::size_t events = 0;
        std::optional<Decimal> ceiling;
        bool started = false;
        bool reached = false;
        std::size_t next_adjustment = 0;
        Decimal interest_pending, interest_added, fees_added;
        std::size_t next_fee = 0;
    };
    Mark mark() const;
    void rewind(const Mark& m);
    MeterTotal finish() {
        total_.interest_pending = interest_pending_;
        return std::move(total_);
    }

private:
    void apply_adjustments(Date day, const History& history, const std::vector<char>& reached);
    void change_ceiling(Date day, const Decimal& ceiling);
    void reach(Date day, const Decimal& before);
    void accrue_rate(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, bool evaluate_rate);
    void accrue_whole_weeks(MeterStretch& out, const Stretch& stretch);
    bool add_below_ceiling(MeterStretch& out, Decimal amount, Date first);
    // A meter with `interest` (runtime/evaluation/loan.cpp): the month's interest added on the 1st, the deferred
    // payment's fees added on their dates, and the interest each stretch earns.
    void add_interest_and_fees(Date day, const History& history);
    void earn_interest(MeterStretch& out, const Stretch& stretch, Evaluator& evaluator, const Decimal& start);

    const RuleSet* rules_;
    const MeterDecl* meter_;
    bool primary_;               // history adjustments go to the primary (first) meter
    MeterTotal total_;
    std::optional<Decimal> ceiling_;
    bool started_ = false;
    bool reached_ = false;
    std::size_t next_adjustment_ = 0;
    Decimal interest_pending_;   // earned since the last 1st of a month, not yet in the total
    std::size_t next_fee_ = 0;
    std::optional<Decimal> last_rate_; // the last non-zero rate worked out, and its rate per day
    Decimal last_daily_;
};

} // namespace carecap
