// projection.h: from a starting position (capital, income, fees, setting), spend
// the capital down week by week as charges are paid, under a rule set's
// `projection`: when the cap is reached, what the person paid, what they lost.
#pragma once

#include "lang/rule_set.h"
#include "runtime/evaluation/account.h"
#include "runtime/evaluation/eval_error.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

struct ProjectionStart {
    Date start;                       // the first day in care
    std::int64_t weeks = 260;         // how long the projection runs
    Decimal capital;                  // chargeable capital at the start, not counting the main home
    Decimal property;                 // the value of the main home (0: none); the rules say when it counts
    std::vector<IncomeItem> income;   // weekly income by kind (kinds from the rules' enumeration)
    Decimal weekly_fees;              // the cost of care a week (the weekly_cost input)
    std::string setting;              // a member of the rules' care setting enumeration
    std::vector<TopUp> top_ups;
    bool pays_accommodation_separately = false;
    std::optional<Date> date_of_birth;
    std::string authority = "projection";
    std::vector<Decimal> meter_totals;  // where each meter starts; empty: all at zero
    // Stop after the week in which the meter at this position reaches its ceiling: for
    // a caller that only wants that day (a statement's expected date). The day is final
    // once set, so the weeks after it cannot change it; the result then holds the weeks
    // up to that one only, and errors a later week might have raised are not seen.
    std::optional<std::size_t> stop_once_reached;
};

// A projection of `weeks` weeks from `start`, from the position a history gives that day: the capital
// and income of the financial assessment in force, the cost, setting, top-ups and accommodation of
// the care period in force (`state` must have both). The rest is the caller's to set.
ProjectionStart projection_start_from(const HistoryState& state, Date start, std::int64_t weeks);

struct ProjectionWeek {
    std::int64_t week = 0;            // 1-based
    Date first;
    Decimal capital_start;
    Decimal charge;                   // what the person is charged (the means test)
    std::string budget;               // the kind of budget that week
    Decimal pays;                     // what the person pays
    Decimal capital_used;             // how much of that came from capital
    std::vector<Decimal> meter_totals;  // each meter's total at the end of the week
};

struct ProjectionResult {
    const RuleSet* rules = nullptr;
    const ProjectionDecl* projection = nullptr;
    ProjectionStart start;
    std::vector<ProjectionWeek> weeks;
    std::vector<MeterTotal> meters;
    Decimal total_paid;
    Decimal capital_end;
    Decimal capital_lost() const { return start.capital - capital_end; }
    // The share of the starting capital lost (0 when there was none).
    Decimal share_lost() const { return start.capital.is_zero() ? Decimal(0) : capital_lost() / start.capital; }
};

struct ProjectionOutcome {
    std::optional<ProjectionResult> result;
    std::vector<EvalError> errors;
};

// The date of birth of someone who turns `age` on `start` (born on 29 February: the 28th in a year
// without one); nothing when that falls before 1800, the first year carecap handles. The CLI's --age
// and an example's `aged N` both count an age this way.
std::optional<Date> birth_date_for_age(Date start, std::int64_t age);

// Runs the projection named `name` (empty: the only one the rules declare).
ProjectionOutcome project(const RuleSet& rules, const ProjectionStart& start, const std::string& name = {});

} // namespace carecap
