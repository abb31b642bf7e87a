// projection.cpp: week-by-week spend-down. Unlike a recorded history, capital
// here changes every week as charges are paid, so the projection steps through
// weeks on purpose; each week is still one exact stretch for the meters.
#include "runtime/evaluation/projection.h"

#include "runtime/evaluation/evaluate.h"
#include "stdlib/format.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/evaluation/meter.h"
#include "runtime/evaluation/timeline.h"

#include <algorithm>

namespace carecap {

ProjectionStart projection_start_from(const HistoryState& state, Date start, std::int64_t weeks) {
    ProjectionStart out;
    out.start = start;
    out.weeks = weeks;
    out.capital = state.assessment->capital;
    out.income = state.assessment->income;
    out.weekly_fees = state.care->weekly_cost;
    out.setting = state.care->setting.word;
    out.top_ups = state.care->top_ups;
    out.pays_accommodation_separately = state.care->pays_accommodation_separately;
    return out;
}

namespace {

// The one-period history the rules read each week; its capital, charge and
// budget are rewritten as the weeks go by.
History starting_history(const ProjectionStart& p) {
    History h;
    h.person_id = "projection";
    h.authority = p.authority;
    h.date_of_birth = p.date_of_birth;
    h.assessment_requested = p.start;
    CarePeriod care;
    care.id = "projection";
    care.path = "projection";
    care.start = p.start;
    care.end = p.start.plus_days(7 * p.weeks - 1);
    care.setting = EnumWord{p.setting, "projection.setting"};
    care.budget = EnumWord{"", "projection.budget"};
    care.weekly_cost = p.weekly_fees;
    care.top_ups = p.top_ups;
    care.pays_accommodation_separately = p.pays_accommodation_separately;
    h.care_periods.push_back(std::move(care));
    FinancialAssessment a;
    a.path = "projection";
    a.date = p.start;
    a.capital = p.capital;
    a.income = p.income;
    h.financial_assessments.push_back(std::move(a));
    h.as_of = h.care_periods[0].end;
    return h;
}

const ProjectionDecl* find_projection(const RuleSet& rules, const std::string& name) {
    if (name.empty()) return rules.projections.size() == 1 ? rules.projections.begin()->second : nullptr;
    auto it = rules.projections.find(name);
    return it == rules.projections.end() ? nullptr : it->second;
}

} // namespace

std::optional<Date> birth_date_for_age(Date start, std::int64_t age) {
    const std::int64_t year = start.year() - age;
    if (age < 0 || year < 1800) return std::nullopt;
    auto d = Date::from_ymd(static_cast<int>(year), start.month(), start.day());
    return d ? d : Date::from_ymd(static_cast<int>(year), start.month(), start.day() - 1);
}

ProjectionOutcome project(const RuleSet& rules, const ProjectionStart& start, const std::string& name) {
    ProjectionOutcome outcome;
    const ProjectionDecl* decl = find_projection(rules, name);
    if (!decl) {
        Span none;
        outcome.errors.emplace_back(none, rules.projections.empty()
                                              ? "the rule set " + rules.header().name + " declares no projection"
                                              : "name the projection to run: the rule set declares " +
                                                    std::to_string(rules.projections.size()));
        return outcome;
    }
    if (start.weeks < 1 || start.weeks > 5200) {
        outcome.errors.emplace_back(decl->span, "a projection runs for 1 to 5,200 weeks, not " + std::to_string(start.weeks));
        return outcome;
    }
    ProjectionResult result;
    result.rules = &rules;
    result.projection = decl;
    result.start = start;
    History history = starting_history(start);
    CarePeriod& care = history.care_periods[0];
    FinancialAssessment& assessment = history.financial_assessments[0];
    const EnumDecl* budget_enum = nullptr;
    if (auto it = rules.inputs.find("budget"); it != rules.inputs.end())
        budget_enum = rules.enums.at(it->second->type.resolved.enumeration);

    std::vector<MeterRunner> runners;
    for (std::size_t i = 0; i < rules.meter_order.size(); ++i)
        runners.emplace_back(rules, *rules.meter_order[i], i == 0,
                             i < start.meter_totals.size() ? start.meter_totals[i] : Decimal(0));
    std::vector<char> reached(runners.size(), 0);
    // Each week the means test runs first, then the week itself with the charge and budget it
    // gave written into the care period. Everything that reads neither is the same for both, so
    // the second evaluator takes it over from the first rather than working it out again.
    std::vector<char> charge_inputs(rules.inputs.size(), 0);
    for (const char* input : {"weekly_charge", "budget"})
        if (auto it = rules.inputs.find(input); it != rules.inputs.end()) charge_inputs[it->second->slot] = 1;
    const std::vector<char> reads_charge = definitions_reading(rules, charge_inputs);
    // From one week to the next only the day, the capital (so, to be safe, everything the
    // financial assessment supplies), the charge and budget, and the meters reached change
    // (and a parameter's value, on its dates). What reads none of those is carried over from
    // the week before, except in a week that a parameter's new value starts in.
    std::vector<char> weekly_inputs = charge_inputs;
    for (auto& [input_name, input] : rules.inputs)
        if (input->source == static_cast<std::uint8_t>(InputSource::assessment)) weekly_inputs[input->slot] = 1;
    const std::vector<char> changes_weekly = definitions_reading(rules, weekly_inputs, true);
    std::vector<Date> parameter_dates;
    for (auto& [parameter_name, parameter] : rules.parameters)
        for (auto& v : parameter->values) parameter_dates.push_back(v.from);
    std::sort(parameter_dates.begin(), parameter_dates.end());
    // Two weeks' states and evaluators are kept, so that last week's values can be carried over
    // (an evaluator refers to its state, so each state lives as long as its evaluator).
    HistoryState states[2];
    std::optional<Evaluator> weeks[2];
    try {
        for (auto& w : check_history_words(rules, history)) throw w;
        for (std::int64_t week = 1; week <= start.weeks; ++week) {
            ProjectionWeek row;
            row.week = week;
            row.first = start.start.plus_days(7 * (week - 1));
            row.capital_start = assessment.capital;
            HistoryState& state = states[week % 2];
            state = history_state_on(history, row.first);
            // The means test first: what the person is charged, and the kind of budget.
            Evaluator means_test({rules, history, state, row.first, &reached});
            if (const std::optional<Evaluator>& last = weeks[(week - 1) % 2]; last) {
                const HistoryState& before = states[(week - 1) % 2];
                Date last_first = row.first.plus_days(-7);
                bool parameter_changed =
                    std::upper_bound(parameter_dates.begin(), parameter_dates.end(), last_first) !=
                    std::upper_bound(parameter_dates.begin(), parameter_dates.end(), row.first);
                bool same_state = before.care == state.care && before.assessment == state.assessment &&
                                  before.eligibility == state.eligibility && before.authority == state.authority &&
                                  before.adjustment == state.adjustment;
                if (same_state && !parameter_changed) means_test.take_over(*last, weekly_inputs, changes_weekly);
            }
            row.charge = std::get<Decimal>(means_test.eval(*decl->charge));
            auto budget = std::get<EnumValue>(means_test.eval(*decl->budget));
            row.budget = budget_enum->members.at(budget.index).name;
            care.weekly_charge = row.charge;
            care.budget.word = row.budget;
            // Then the week itself, reading the charge and budget just set.
            Evaluator& evaluator = weeks[week % 2].emplace(EvalContext{rules, history, state, row.first, &reached});
            evaluator.take_over(means_test, charge_inputs, reads_charge);
            row.pays = std::get<Decimal>(evaluator.eval(*decl->pays));
            row.capital_used = std::get<Decimal>(evaluator.eval(*decl->capital_used));
            if (row.capital_used.is_negative())
                throw EvalError(decl->capital_used->span, "capital_used is negative in week " + std::to_string(week) +
                                                              " (" + money(row.capital_used) + ")");
            if (row.capital_used > assessment.capital) row.capital_used = assessment.capital; // it cannot go below nothing
            Stretch stretch;
            stretch.first = row.first;
            stretch.last = row.first.plus_days(6);
            stretch.care = &care;
            for (auto& runner : runners) {
                MeterStretch m = runner.step(stretch, evaluator, true, history, reached);
                row.meter_totals.push_back(m.total_start + m.accrued);
            }
            for (std::size_t m = 0; m < runners.size(); ++m) reached[m] = runners[m].reached();
            assessment.capital -= row.capital_used;
            result.total_paid += row.pays;
            result.weeks.push_back(std::move(row));
            if (start.stop_once_reached && *start.stop_once_reached < runners.size() &&
                runners[*start.stop_once_reached].reached())
                break;
        }
    } catch (EvalError& e) {
        outcome.errors.push_back(std::move(e));
        return outcome;
    }
    for (auto& runner : runners) result.meters.push_back(runner.finish());
    result.capital_end = assessment.capital;
    outcome.result = std::move(result);
    return outcome;
}

} // namespace carecap
