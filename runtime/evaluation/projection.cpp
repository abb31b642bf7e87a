// projection.cpp: week-by-week spend-down. Unlike a recorded history, capital
// here changes every week as charges are paid, so the projection steps through
// weeks on purpose; each week is still one exact stretch for the meters.
#include "runtime/evaluation/projection.h"

#include "runtime/evaluation/projection_carry.h"

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

History projection_history(const ProjectionStart& p) {
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
    a.property = p.property;
    a.income = p.income;
    h.financial_assessments.push_back(std::move(a));
    h.as_of = h.care_periods[0].end;
    return h;
}

namespace {

thread_local std::size_t projections_this_thread = 0;

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

namespace {

// Why a projection cannot run at all (no projection of that name, weeks out of range), or nothing.
std::optional<EvalError> refusal(const RuleSet& rules, const ProjectionDecl* decl, const ProjectionStart& start) {
    if (!decl)
        return EvalError(Span{}, rules.projections.empty()
                                     ? "the rule set " + rules.header().name + " declares no projection"
                                     : "name the projection to run: the rule set declares " +
                                           std::to_string(rules.projections.size()));
    if (start.weeks < 1 || start.weeks > 5200)
        return EvalError(decl->span, "a projection runs for 1 to 5,200 weeks, not " + std::to_string(start.weeks));
    return std::nullopt;
}

// The spend-down itself: one history rewritten week by week, the meters stepped over each week, and what
// the evaluation of one week can hand to the next.
class SpendDown {
public:
    SpendDown(const RuleSet& rules, const ProjectionDecl& decl, const ProjectionStart& start);
    // Runs every week (or up to the one the meter of stop_once_reached reaches its ceiling in) into `result`.
    void run(ProjectionResult& result);

private:
    ProjectionWeek run_week(std::int64_t week);
    // The means test of a week: what the person is charged and the kind of budget.
    void means_test(ProjectionWeek& row, Evaluator& evaluator);
    // The week itself, reading the charge and budget just set: what the person pays and how much from capital.
    void payment(ProjectionWeek& row, Evaluator& evaluator);
    void meter_the_week(ProjectionWeek& row, Evaluator& evaluator);
    // Whether last week's evaluator may hand over what reads nothing that changes weekly.
    bool can_carry_over(const HistoryState& before, const HistoryState& now, Date first) const;
    bool stop_after_this_week() const;

    const RuleSet& rules_;
    const ProjectionDecl& decl_;
    const ProjectionStart& start_;
    History history_;
    const EnumDecl* budget_enum_ = nullptr;
    std::vector<MeterRunner> runners_;
    std::vector<char> reached_;
    // Each week the means test runs first, then the week itself with the charge and budget it gave written
    // into the care period. Everything that reads neither is the same for both, so the second evaluator
    // takes it over from the first rather than working it out again.
    std::vector<char> charge_inputs_, reads_charge_;
    // From one week to the next only the day, the capital (so, to be safe, everything the financial
    // assessment supplies), the charge and budget, and the meters reached change (and a parameter's value,
    // on its dates). What reads none of those is carried over from the week before, except in a week that
    // a parameter's new value starts in.
    std::vector<char> weekly_inputs_, changes_weekly_;
    std::vector<Date> parameter_dates_;
    // Two weeks' states and evaluators are kept, so that last week's values can be carried over (an
    // evaluator refers to its state, so each state lives as long as its evaluator).
    HistoryState states_[2];
    std::optional<Evaluator> weeks_[2];
};

SpendDown::SpendDown(const RuleSet& rules, const ProjectionDecl& decl, const ProjectionStart& start)
    : rules_(rules), decl_(decl), start_(start), history_(projection_history(start)) {
    if (auto it = rules.inputs.find("budget"); it != rules.inputs.end())
        budget_enum_ = rules.enums.at(it->second->type.resolved.enumeration);
    for (std::size_t i = 0; i < rules.meter_order.size(); ++i)
        runners_.emplace_back(rules, *rules.meter_order[i], i == 0,
                              i < start.meter_totals.size() ? start.meter_totals[i] : Decimal(0));
    reached_.assign(runners_.size(), 0);
    charge_inputs_.assign(rules.inputs.size(), 0);
    for (const char* input : {"weekly_charge", "budget"})
        if (auto it = rules.inputs.find(input); it != rules.inputs.end()) charge_inputs_[it->second->slot] = 1;
    reads_charge_ = definitions_reading(rules, charge_inputs_);
    weekly_inputs_ = charge_inputs_;
    for (auto& [input_name, input] : rules.inputs)
        if (input->source == static_cast<std::uint8_t>(InputSource::assessment)) weekly_inputs_[input->slot] = 1;
    changes_weekly_ = definitions_reading(rules, weekly_inputs_, true);
    for (auto& [parameter_name, parameter] : rules.parameters)
        for (auto& v : parameter->values) parameter_dates_.push_back(v.from);
    std::sort(parameter_dates_.begin(), parameter_dates_.end());
}

void SpendDown::run(ProjectionResult& result) {
    for (auto& w : check_history_words(rules_, history_)) throw w;
    FinancialAssessment& assessment = history_.financial_assessments[0];
    for (std::int64_t week = 1; week <= start_.weeks; ++week) {
        ProjectionWeek row = run_week(week);
        assessment.capital -= row.capital_used;
        result.total_paid += row.pays;
        result.weeks.push_back(std::move(row));
        if (stop_after_this_week()) break;
    }
    for (auto& runner : runners_) result.meters.push_back(runner.finish());
    result.capital_end = assessment.capital;
}

ProjectionWeek SpendDown::run_week(std::int64_t week) {
    ProjectionWeek row;
    row.week = week;
    row.first = start_.start.plus_days(7 * (week - 1));
    row.capital_start = history_.financial_assessments[0].capital;
    HistoryState& state = states_[week % 2];
    state = history_state_on(history_, row.first);
    Evaluator means({rules_, history_, state, row.first, &reached_});
    if (const std::optional<Evaluator>& last = weeks_[(week - 1) % 2];
        last && can_carry_over(states_[(week - 1) % 2], state, row.first))
        means.take_over(*last, weekly_inputs_, changes_weekly_);
    means_test(row, means);
    Evaluator& evaluator = weeks_[week % 2].emplace(EvalContext{rules_, history_, state, row.first, &reached_});
    evaluator.take_over(means, charge_inputs_, reads_charge_);
    payment(row, evaluator);
    meter_the_week(row, evaluator);
    return row;
}

bool SpendDown::can_carry_over(const HistoryState& before, const HistoryState& now, Date first) const {
    Date last_first = first.plus_days(-7);
    bool parameter_changed = std::upper_bound(parameter_dates_.begin(), parameter_dates_.end(), last_first) !=
                             std::upper_bound(parameter_dates_.begin(), parameter_dates_.end(), first);
    bool same_state = before.care == now.care && before.assessment == now.assessment &&
                      before.eligibility == now.eligibility && before.authority == now.authority &&
                      before.adjustment == now.adjustment;
    return same_state && !parameter_changed;
}

void SpendDown::means_test(ProjectionWeek& row, Evaluator& evaluator) {
    row.charge = std::get<Decimal>(evaluator.eval(*decl_.charge));
    auto budget = std::get<EnumValue>(evaluator.eval(*decl_.budget));
    row.budget = budget_enum_->members.at(budget.index).name;
    CarePeriod& care = history_.care_periods[0];
    care.weekly_charge = row.charge;
    care.budget.word = row.budget;
}

void SpendDown::payment(ProjectionWeek& row, Evaluator& evaluator) {
    row.pays = std::get<Decimal>(evaluator.eval(*decl_.pays));
    row.capital_used = std::get<Decimal>(evaluator.eval(*decl_.capital_used));
    if (row.capital_used.is_negative())
        throw EvalError(decl_.capital_used->span, "capital_used is negative in week " + std::to_string(row.week) +
                                                      " (" + money(row.capital_used) + ")");
    const Decimal& capital = history_.financial_assessments[0].capital;
    if (row.capital_used > capital) row.capital_used = capital; // it cannot go below nothing
}

void SpendDown::meter_the_week(ProjectionWeek& row, Evaluator& evaluator) {
    Stretch stretch;
    stretch.first = row.first;
    stretch.last = row.first.plus_days(6);
    stretch.care = &history_.care_periods[0];
    for (auto& runner : runners_) {
        MeterStretch m = runner.step(stretch, evaluator, true, history_, reached_);
        row.meter_totals.push_back(m.total_start + m.accrued);
    }
    for (std::size_t m = 0; m < runners_.size(); ++m) reached_[m] = runners_[m].reached();
}

bool SpendDown::stop_after_this_week() const {
    return start_.stop_once_reached && *start_.stop_once_reached < runners_.size() &&
           runners_[*start_.stop_once_reached].reached();
}

} // namespace

std::size_t projections_run() { return projections_this_thread; }

ProjectionOutcome project(const RuleSet& rules, const ProjectionStart& start, const std::string& name) {
    ++projections_this_thread;
    ProjectionOutcome outcome;
    const ProjectionDecl* decl = find_projection(rules, name);
    if (auto refused = refusal(rules, decl, start)) {
        outcome.errors.push_back(std::move(*refused));
        return outcome;
    }
    ProjectionResult result;
    result.rules = &rules;
    result.projection = decl;
    result.start = start;
    try {
        SpendDown(rules, *decl, start).run(result);
    } catch (EvalError& e) {
        outcome.errors.push_back(std::move(e));
        return outcome;
    }
    outcome.result = std::move(result);
    return outcome;
}

} // namespace carecap
