// statement_projections_test.cpp: a schedule of care account statements runs one projection per stretch in
// which nothing the projection reads changes, and reads each later statement's expected date off it
// (runtime/evaluation/projection_carry.h); a new financial assessment starts a fresh one. The dates are the
// ones a fresh projection gives, worked by hand below.
//
// The case, under rules/england/reform.rules: care in a care home from 2025-06-02 (after the last uprating
// of the rules' figures, 2025-04-07, so no parameter changes value in any projection), £1,000 a week under
// an independent personal budget, capital £500,000. The care account opens with the care (assessment asked
// for the same day). £1,000 - £200 daily living costs = £800 a week counts, £800/7 a day, both in the
// history and in every projection: the capital stays above the £100,000 upper limit throughout a year's
// projection (£500,000 less at most 53 x £1,000), so the means test gives an independent budget there too.
// At the end of day n of the account (day 1 is 2025-06-02) the total is n x £800/7; the £86,000 cap is
// reached on the first n with n x £800/7 >= £86,000: n >= 752.5, so day 753, 2025-06-02 + 752 days =
// 2027-06-24. A projection from the day after a statement (on day n) reaches it on its day
// ceil((£86,000 - n x £800/7) / (£800/7)) = ceil(752.5 - n) = 753 - n, which is again day 753: 2027-06-24,
// when that lies inside its weeks.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "rules_helper.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/projection_carry.h"

#include <string>

using namespace carecap;

namespace {

std::string care_home_history(const std::string& later_assessment) {
    return R"({"carecap_history": 1,
      "person": {"id": "statement-series", "date_of_birth": "1944-03-15"},
      "authority": "Anytown",
      "assessment_requested": "2025-06-02",
      "care_periods": [{"id": "care-home", "start": "2025-06-02", "end": "2027-12-31", "setting": "residential",
                        "budget": "independent", "weekly_cost": "1000.00"}],
      "financial_assessments": [{"date": "2025-06-02", "capital": "500000.00"})" +
           later_assessment + "]}";
}

struct Series {
    std::vector<Statement> statements;
    std::size_t projections = 0; // run to make them
};

Series statements_of(const std::string& json) {
    static LoadResult loaded = load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/rules/england/reform.rules");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    History h = testing::history(json);
    const std::size_t before = projections_run();
    Evaluation e = evaluate_history(*loaded.rules, h);
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    return {e.account->statements, projections_run() - before};
}

// The statements of the schedule: every 6 months from 2025-06-02. On the day n of each (from day 1,
// 2025-06-02) the account stands at n x £800/7; each projection runs (window end - day) / 7 + 1 weeks
// with a 12-month window: 365 / 7 + 1 = 53 weeks, 371 days.
//   2025-12-02, n = 184: 753 - 184 = 569 days to the cap, past 371: not reached in the projection.
//   2026-06-02, n = 366: 387 days, past 371: not reached.
//   2026-12-02, n = 549: 204 days: 2027-06-24, inside the 12 months: shown.
//   2027-06-02, n = 731: 22 days: 2027-06-24, shown.
//   2027-12-02: the cap was reached on 2027-06-24: no statement.
void check_expected_dates(const std::vector<Statement>& statements) {
    REQUIRE(statements.size() == 5);
    const char* dates[] = {"2025-12-02", "2026-06-02", "2026-12-02", "2027-06-02", "2027-12-02"};
    for (std::size_t i = 0; i < 5; ++i) CHECK(statements[i].date.to_string() == dates[i]);
    for (std::size_t i = 0; i < 4; ++i) {
        REQUIRE(statements[i].issued);
        CHECK(statements[i].expected_by == "the projection spend_down from the position on " + std::string(dates[i]));
    }
    CHECK_FALSE(statements[0].expected_on);
    CHECK_FALSE(statements[1].expected_on);
    REQUIRE(statements[2].expected_on);
    CHECK(statements[2].expected_on->to_string() == "2027-06-24");
    CHECK(statements[2].expected_shown);
    REQUIRE(statements[3].expected_on);
    CHECK(statements[3].expected_on->to_string() == "2027-06-24");
    CHECK(statements[3].expected_shown);
    CHECK_FALSE(statements[4].issued);
    CHECK(statements[4].not_issued_because == "the cap was reached on 2027-06-24");
}

} // namespace

TEST_CASE("a schedule of statements with nothing changing runs one projection and reads every date off it") {
    // The first statement projects 53 weeks without reaching the cap. The second starts 182 days later from
    // 182 x £800/7 more: its 53 weeks gain what the first's did, week for week, so it does not reach it
    // either. The third and fourth find the week in which the first's total plus what they stand above it
    // reaches £86,000 (weeks 30 and 4 of their own), and the day inside it.
    Series s = statements_of(care_home_history(""));
    check_expected_dates(s.statements);
    CHECK(s.projections == 1);
}

TEST_CASE("a new financial assessment between two statements starts a fresh projection, read off in turn") {
    // Capital £450,000 from 2026-09-01: still above £100,000 all year, so the same £800 a week and the same
    // dates; but the third statement projects from another assessment, so it runs a projection of its own,
    // and the fourth reads its date off that one.
    Series s = statements_of(care_home_history(R"(, {"date": "2026-09-01", "capital": "450000.00"})"));
    check_expected_dates(s.statements);
    CHECK(s.projections == 2);
}

TEST_CASE("a new assessment with the same figures changes nothing the projection reads: still one projection") {
    // A projection is made from the figures alone (capital, income, fees, setting, top-ups), so a
    // reassessment on 2026-09-01 that finds the same £500,000 leaves every later statement's projection the
    // first one's, week for week.
    Series s = statements_of(care_home_history(R"(, {"date": "2026-09-01", "capital": "500000.00"})"));
    check_expected_dates(s.statements);
    CHECK(s.projections == 1);
}
