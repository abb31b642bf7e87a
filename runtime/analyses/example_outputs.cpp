// example_outputs.cpp: statement and projection expectations. A statement is looked up on the
// account's own schedule, so the example sees exactly what `carecap statement` would issue; a
// projection starts from the history's position on its first day, as a statement's expected date does.
#include "runtime/analyses/example_outputs.h"

#include "lang/diagnostic.h"
#include "runtime/evaluation/evaluate.h"
#include "stdlib/format.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/evaluation/projection.h"

namespace carecap {

namespace {

std::string failure(const Span& span, const std::string& message) {
    return render(Diagnostic{Severity::error, span, message, "", {}});
}

// The expected value, worked out on `day` with the history, as `expect NAME on DATE = VALUE` does.
Decimal expected_amount(const Expectation& x, const Account& account, Date day) {
    HistoryState state = history_state_on(*account.history, day);
    std::vector<char> reached = account.reached_on(day);
    Evaluator evaluator({account.rules_on(day), *account.history, state, day, &reached});
    return std::get<Decimal>(evaluator.eval(*x.expected));
}

// Money is compared to the penny, as it is printed. The exact figure is given when it has more places.
void compare_money(const Expectation& x, const std::string& what, const Decimal& expected, const Decimal& actual,
                   const std::string& unit, std::vector<std::string>& failures) {
    if (actual.round_to(Decimal::ratio(1, 100), display_rounding) == expected) return;
    std::string exact = (actual * Decimal(100)).is_integer() ? "" : " (exactly " + actual.to_exact() + ")";
    failures.push_back(failure(x.span, what + ": expected " + money(expected) + unit + ", got " + money(actual) + unit + exact));
}

std::string schedule_dates(const Account& account) {
    std::string out;
    for (auto& st : account.statements) out += (out.empty() ? "" : ", ") + st.date.to_string();
    return out.empty() ? "none" : out;
}

Decimal statement_item(const Statement& st, const std::string& item) {
    if (item == "cap_level") return st.cap_level;
    if (item == "total_cost") return st.total_cost;
    if (item == "rate") return st.rate;
    if (item == "living_costs") return st.living_costs;
    return st.accrued; // the checker allows no other name
}

} // namespace

void check_statement_expectation(const Expectation& x, const Account& account, std::vector<std::string>& failures) {
    const Date day = *x.on;
    const std::string what = "the statement of " + day.to_string();
    const Statement* st = nullptr;
    for (auto& s : account.statements)
        if (s.date == day) st = &s;
    if (!st) {
        failures.push_back(failure(x.span, what + ": no statement is due that day on the schedule (its dates: " +
                                               schedule_dates(account) + ")"));
        return;
    }
    if (x.statement_aspect == StatementAspect::not_issued) {
        if (st->issued) failures.push_back(failure(x.span, what + ": expected it not issued, but it was issued by " + st->authority));
        return;
    }
    if (!st->issued) {
        failures.push_back(failure(x.span, what + ": expected it issued, but it was not: " + st->not_issued_because));
        return;
    }
    switch (x.statement_aspect) {
    case StatementAspect::issued:
        if (x.issued_by && *x.issued_by != st->authority)
            failures.push_back(failure(x.span, what + ": expected it issued by " + *x.issued_by + ", but it was issued by " +
                                                   st->authority));
        break;
    case StatementAspect::expected_on:
        if (!st->expected_shown || st->expected_on != x.expected_date)
            failures.push_back(failure(x.span, what + ": expected the cap expected on " + x.expected_date->to_string() +
                                                   ", but " + (st->expected_shown ? "it shows " + st->expected_on->to_string()
                                                                                  : std::string("it shows no date"))));
        break;
    case StatementAspect::expected_not_shown:
        if (st->expected_shown)
            failures.push_back(failure(x.span, what + ": expected no date for reaching the cap, but it shows " +
                                                   st->expected_on->to_string()));
        break;
    case StatementAspect::item: {
        bool weekly = x.item != "cap_level" && x.item != "accrued";
        compare_money(x, what + ", " + x.item, expected_amount(x, account, day), statement_item(*st, x.item),
                      weekly ? " per week" : "", failures);
        break;
    }
    case StatementAspect::not_issued: break;
    }
}

void check_projection_expectation(const Expectation& x, const Account& account, std::vector<std::string>& failures) {
    const Date day = *x.on;
    const History& history = *account.history;
    HistoryState state = history_state_on(history, day);
    if (!state.care || !state.assessment) {
        failures.push_back(failure(x.span, "a projection from " + day.to_string() + " starts from the care and the financial "
                                           "assessment in force that day, but the history has " +
                                           (state.care ? "no financial assessment" : std::string("no care")) + " then"));
        return;
    }
    ProjectionStart start = projection_start_from(state, day, x.weeks);
    start.authority = state.authority;
    start.date_of_birth = x.age ? birth_date_for_age(day, *x.age) : history.date_of_birth;
    for (std::size_t i = 0; i < account.meters.size(); ++i) start.meter_totals.push_back(account.total_at_end_of(i, day.plus_days(-1)));
    const RuleSet& rules = account.rules_on(day);
    ProjectionOutcome outcome = project(rules, start, x.projection);
    for (auto& e : outcome.errors) failures.push_back(e.render("projection"));
    if (!outcome.result) return;
    const ProjectionResult& result = *outcome.result;
    const std::string what = "the projection from " + day.to_string() + " over " + std::to_string(x.weeks) + " weeks";
    if (x.projection_aspect == ProjectionAspect::figure) {
        Decimal actual = x.item == "capital_end" ? result.capital_end : result.total_paid;
        compare_money(x, what + ", " + x.item, expected_amount(x, account, day), actual, "", failures);
        return;
    }
    const MeterDecl* meter = rules.meters.at(x.item);
    auto reached = result.meters.at(meter->index).reached_on;
    bool ok = x.projection_aspect == ProjectionAspect::not_reached ? !reached : reached && *reached == *x.expected_date;
    if (!ok)
        failures.push_back(failure(x.span, what + ": expected " + x.item +
                                               (x.projection_aspect == ProjectionAspect::not_reached
                                                    ? std::string(" not to reach its ceiling")
                                                    : " to reach its ceiling on " + x.expected_date->to_string()) +
                                               ", but " + (reached ? "it reached it on " + reached->to_string() : std::string("it did not"))));
}

} // namespace carecap
