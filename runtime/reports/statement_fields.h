// statement_fields.h: the seven items of a care account statement (004, 3.7,
// "Contents of care accounts and statements") as one table. The result's JSON,
// the statement's JSON, the explanation's closing text and the statement a person
// reads all name the items from here, so they cannot drift apart.
#pragma once

#include "runtime/evaluation/account.h"

#include <array>

namespace carecap {

struct StatementField {
    int number;                        // 1 to 7, as 004, 3.7 lists them
    const char* id;                    // the stable name of the statement's item: "cap-level"
    const char* json_field;            // its key in both JSON forms: "cap_level"
    const char* title;                 // as the person's statement words it
    const char* short_title;           // as the explanation's list of statements words it
    const Decimal Statement::*amount;  // items 1 to 5: where the amount is; items 6 and 7 are not amounts
    bool weekly;                       // the amount is a week's, and is shown followed by "a week"
};

inline constexpr std::array<StatementField, 7> statement_fields = {{
    {1, "cap-level", "cap_level", "The current level of the cap", "the cap", &Statement::cap_level, false},
    {2, "total-cost", "total_cost_weekly", "The total cost of meeting your care needs",
     "the total cost of meeting your needs", &Statement::total_cost, true},
    {3, "rate-of-progress", "rate_of_progress_weekly", "Your current rate of progress towards the cap",
     "your current rate of progress", &Statement::rate, true},
    {4, "daily-living-costs", "daily_living_costs_weekly", "The amount attributable to daily living costs",
     "daily living costs", &Statement::living_costs, true},
    {5, "accrued-costs", "accrued", "Your progress towards the cap to date (your accrued costs)", "accrued costs",
     &Statement::accrued, false},
    {6, "adjustments", "adjustments_since_last", "Adjustments to your accrued costs since your last statement",
     "adjustments since the last statement", nullptr, false},
    {7, "expected-date", "expected_to_reach_cap", "When you are expected to reach the cap",
     "expected to reach the cap", nullptr, false},
}};

// The table's entry for item `number` (1 to 7).
constexpr const StatementField& statement_field(int number) {
    return statement_fields[static_cast<std::size_t>(number - 1)];
}

} // namespace carecap
