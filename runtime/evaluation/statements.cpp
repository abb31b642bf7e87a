// statements.cpp: the schedule, the seven items of 004 section 3.7 with the
// caveat, the cases in which no statement is needed, and a statement on request.
#include "runtime/evaluation/statements.h"

#include "runtime/evaluation/evaluate.h"
#include "stdlib/format.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/evaluation/projection.h"
#include "runtime/evaluation/projection_carry.h"
#include "stdlib/builtins.h"

namespace carecap {

namespace {

// The last day carecap handles (Date::parse: the years 1800 to 2399).
const Date kLastDay = *Date::from_ymd(2399, 12, 31);

// The same day `months` on, or nothing when that falls after the years carecap handles: a valid
// history may run to the end of 2399, and its schedule then simply has no later dates.
std::optional<Date> add_months(Date d, std::int64_t months) {
    const Builtin* b = find_builtin("add_months");
    std::vector<Value> args = {d, Decimal(months)};
    try {
        return std::get<Date>(b->evaluate(args, {Type::of(Kind::date), Type::of(Kind::integer)}));
    } catch (const BuiltinError&) {
        return std::nullopt;
    }
}

std::int64_t whole_months(Evaluator& e, const Expr& x) {
    auto n = std::get<Decimal>(e.eval(x)).to_int64();
    if (!n || *n < 1 || *n > 120) throw EvalError(x.span, "a number of months from 1 to 120 is needed here");
    return *n;
}

// When the cap is expected to be reached: by the rules' projection from the
// position on the day where the history allows it (capital, income, fees), else
// by the current rate carrying on. Either is solved exactly. A schedule of statements
// passes its `series`: the day is read off the projection of an earlier statement where
// that is shown to give the same day (projection_carry.h), and a fresh projection is kept.
std::optional<Date> expected_date(const Account& account, std::size_t m, const Stretch& s, Date day, Date window_end,
                                  std::string& how, ProjectionSeries* series) {
    const RuleSet& rules = account.rules_of(s);
    const MeterStretch& now = s.meters[m];
    Decimal total = account.total_at_end_of(m, day);
    HistoryState state = history_state_on(*account.history, day);
    if (rules.projections.size() == 1 && state.assessment && state.care) {
        ProjectionStart start = projection_start_from(state, day.plus_days(1), (window_end - day) / 7 + 1);
        start.date_of_birth = account.history->date_of_birth;
        for (std::size_t i = 0; i < account.meters.size(); ++i) start.meter_totals.push_back(account.total_at_end_of(i, day));
        start.stop_once_reached = m; // only the day meter m reaches its ceiling is wanted here
        if (series) {
            CarriedDay carried = series->read(rules, start);
            if (carried.known) {
                how = "the projection " + rules.projections.begin()->second->name + " from the position on " +
                      day.to_string();
                return carried.reached_on;
            }
        }
        ProjectionOutcome p = project(rules, start);
        if (p.result) {
            how = "the projection " + p.result->projection->name + " from the position on " + day.to_string();
            std::optional<Date> reached_on = p.result->meters[m].reached_on;
            if (series) series->keep(rules, std::move(*p.result));
            return reached_on;
        }
        how = "the current rate of progress carrying on (the projection could not run: " +
              std::string(p.errors.empty() ? "no reason given" : p.errors.front().what()) + ")";
    } else {
        how = "the current rate of progress carrying on";
    }
    if (!now.metering || now.daily.sign() <= 0) return std::nullopt;
    Decimal days = ((now.ceiling - total) / now.daily).ceil();
    // At a tiny rate the day can lie past the last day carecap handles: then it is not expected in any.
    auto whole = days.to_int64();
    if (!whole || *whole > kLastDay - day) return std::nullopt;
    return day.plus_days(*whole);
}

// Items 1 to 7 and the caveat of a statement issued on `day` (a day with care, in
// stretch `s`), listing the adjustments made after `since`; `series` as for expected_date.
void fill_items(const Account& account, const Stretch& s, const HistoryState& state, Date day, Date since,
                Statement& st, ProjectionSeries* series) {
    const RuleSet& rules = account.rules_of(s); // the rules of the authority meeting the needs that day
    const StatementsDecl& decl = *rules.statements;
    const std::size_t m = decl.meter_decl->index;
    const MeterTotal& meter = account.meters[m];
    std::vector<char> reached = account.reached_on(day);
    Evaluator items({rules, *account.history, state, day, &reached});
    st.issued = true;
    st.authority = account.authority_name(state.authority);
    st.budget = state.care->budget.word;
    st.cap_level = s.meters[m].ceiling;
    st.total_cost = std::get<Decimal>(items.eval(*decl.total_cost));
    st.rate = s.meters[m].metering ? s.meters[m].daily * Decimal(7) : Decimal(0);
    st.living_costs = std::get<Decimal>(items.eval(*decl.living_costs));
    st.accrued = account.total_at_end_of(m, day);
    for (auto& e : meter.events)
        if (e.date > since && e.date <= day &&
            (e.kind == MeterEvent::Kind::adjusted || e.kind == MeterEvent::Kind::ceiling_changed ||
             e.kind == MeterEvent::Kind::adjustment_refused))
            st.adjustments.push_back(e);
    if (meter.reached_on && *meter.reached_on <= day) {
        // Only a statement asked for gets here: the schedule issues none once the cap is reached.
        st.expected_on = meter.reached_on;
        st.expected_shown = true;
        st.expected_by = "the cap was reached on " + meter.reached_on->to_string();
    } else {
        Date window_end = add_months(day, whole_months(items, *decl.expected_within_months)).value_or(kLastDay);
        st.expected_on = expected_date(account, m, s, day, window_end, st.expected_by, series);
        st.expected_shown = st.expected_on && *st.expected_on <= window_end;
    }
    for (auto& c : decl.caveats)
        if (c.budget == st.budget) st.caveat = c.text;
}

} // namespace

std::optional<Date> care_account_opened(const Account& account) {
    const StatementsDecl* decl = account.rules->statements;
    if (!decl || !decl->meter_decl || account.stretches.empty()) return std::nullopt;
    std::optional<Date> opened;
    for (auto& e : account.meters[decl->meter_decl->index].events)
        if (e.kind == MeterEvent::Kind::started) opened = e.date;
    return opened;
}

StatementTerms statement_terms_on(const Account& account, Date day) {
    const RuleSet& rules = account.rules_on(day);
    const StatementsDecl& decl = *rules.statements;
    HistoryState state = history_state_on(*account.history, day);
    Evaluator terms({rules, *account.history, state, day});
    return {whole_months(terms, *decl.every_months), whole_months(terms, *decl.expected_within_months)};
}

std::vector<Statement> care_account_statements(const Account& account) {
    std::vector<Statement> out;
    std::optional<Date> opened = care_account_opened(account);
    if (!opened) return out;
    const std::size_t m = account.rules->statements->meter_decl->index; // the same meter under every rule set used
    const MeterTotal& meter = account.meters[m];
    const Date last_day = account.stretches.back().last;
    Date previous = *opened;                // the last date on the schedule
    std::optional<Date> last_issued;        // the last statement actually issued
    Decimal last_issued_total = account.total_at_end_of(m, opened->plus_days(-1));
    std::int64_t months = 0; // counted from the opening, so that dates do not drift at month ends
    ProjectionSeries series; // each statement's expected date, read off an earlier projection where it can be
    for (int number = 1; number <= 2400; ++number) {
        // The interval in force on the last date of the schedule, under the rules of the authority then:
        // after a move the new authority's account continues, and so does its schedule.
        const RuleSet& rules = account.rules_on(previous);
        HistoryState opening = history_state_on(*account.history, previous);
        Evaluator schedule({rules, *account.history, opening, previous});
        months += whole_months(schedule, *rules.statements->every_months);
        std::optional<Date> next = add_months(*opened, months);
        if (!next || *next > last_day) break; // no date after 2399 is in any history
        Date day = *next;
        Statement st;
        st.date = day;
        HistoryState state = history_state_on(*account.history, day);
        st.authority = account.authority_name(state.authority);
        st.accrued = account.total_at_end_of(m, day);
        const Stretch* s = account.stretch_on(day);
        // A move since the last statement does not stop the schedule: the new authority continues the
        // account "by the amount set by the first authority" (004, 3.7), and its statements with it.
        if (meter.reached_on && *meter.reached_on <= day) {
            st.not_issued_because = "the cap was reached on " + meter.reached_on->to_string();
        } else if (st.accrued == last_issued_total) {
            st.not_issued_because = "nothing has accrued since " + (last_issued ? std::string("the last statement")
                                                                                : "the account opened");
        } else if (!s || !state.care) {
            st.not_issued_because = "no care is being provided on this day";
        } else if (!s->rules_in_force) {
            // Only after a move to an authority whose rules start later (a trailblazer's resident moving
            // before the national start): that authority has no care account to state yet.
            const RuleSet& there = account.rules_of(*s);
            st.not_issued_because = "the rules for " + state.authority + " (" + there.header().name +
                                    ") are in force from " + there.header().in_force.to_string() +
                                    ": no care account statement before then";
        } else {
            fill_items(account, *s, state, day, last_issued.value_or(opened->plus_days(-1)), st, &series);
            last_issued = day;
            last_issued_total = st.accrued;
        }
        out.push_back(std::move(st));
        previous = day;
    }
    return out;
}

Statement statement_on_request(const Account& account, Date day) {
    Statement st;
    st.date = day;
    std::optional<Date> opened = care_account_opened(account);
    if (!account.rules->statements) {
        st.not_issued_because = "the rules declare no care account statements";
        return st;
    }
    if (!opened) {
        st.not_issued_because = "the care account never opened: nothing counted towards the cap in this history";
        return st;
    }
    const Date last_day = account.stretches.back().last;
    HistoryState state = history_state_on(*account.history, day);
    st.authority = account.authority_name(state.authority);
    const Stretch* s = account.stretch_on(day);
    if (day < *opened) {
        st.not_issued_because = "the care account opens on " + opened->to_string();
    } else if (day > last_day) {
        st.not_issued_because = "the history ends on " + last_day.to_string() + ": nothing after it is known";
    } else if (!s || !state.care) {
        st.not_issued_because = "no care is being provided on this day";
    } else if (!s->rules_in_force) {
        st.not_issued_because = "the rules for " + state.authority + " (" + account.rules_of(*s).header().name +
                                ") are in force from " + account.rules_of(*s).header().in_force.to_string() +
                                ": no care account statement before then";
    } else {
        Date since = opened->plus_days(-1);
        for (const Statement& scheduled : account.statements)
            if (scheduled.issued && scheduled.date < day) since = scheduled.date;
        fill_items(account, *s, state, day, since, st, nullptr);
    }
    return st;
}

} // namespace carecap
