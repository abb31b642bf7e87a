// reform_by_hand.h: the England reform's metering (rules/england/reform.rules) written out by
// hand in C++, with the same exact Decimal the interpreter uses. It is the yardstick the
// interpreter is measured against (docs/benchmarks.md) and, on a generated caseload, a second
// opinion on the interpreter's figures: the two must agree exactly on every history.
#pragma once

#include "stdlib/date.h"
#include "stdlib/decimal.h"
#include "runtime/history/history.h"

#include <optional>
#include <string>

namespace carecap::bench {

// What the two meters of reform.rules hold at the end of a history.
struct ReformMeters {
    Decimal care_account;            // meter care_account: accrued costs towards the cap
    std::optional<Date> reached_on;  // the first day the care account reached the cap
    Decimal authority_spend;         // meter authority_spend_after_cap
};

// The figures reform.rules fixes for every history this code handles. They are restated here
// (not read from the rule file) because a hand-written implementation is the point.
struct ReformFigures {
    Date in_force = *Date::from_ymd(2023, 10, 1);     // rules england.reform ... in force from 2023-10-01
    Date reform_start = *Date::from_ymd(2023, 10, 1); // parameter reform_start
    Decimal cap = Decimal(86000);                     // parameter cap_level
    Decimal daily_living_costs = Decimal(200);        // £200 a week x 100%, already a whole penny
    std::int64_t minimum_adjustment_days = 42;        // parameter minimum_adjustment_period: 6 weeks
};

// Meters one history. Throws std::runtime_error where the interpreter would report an
// error the yardstick does not model (no date the person asked or was identified, say).
ReformMeters meter_reform_by_hand(const History& history, const ReformFigures& figures = {});

} // namespace carecap::bench
