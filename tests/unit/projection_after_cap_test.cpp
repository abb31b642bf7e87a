// projection_after_cap_test.cpp: after the cap a person in a care home pays the lesser of the daily living
// costs and their means-tested charge (004, 2.2 "Approaching and reaching the cap": they remain responsible for
// "meeting or contributing to" their DLCs), so capital spent on DLCs stops at the £20,000 lower capital limit.
// The case: reform.rules from 2023-10-02, capital £200,000, a state pension of £150 a week, fees of £2,000 a
// week in a care home. Every figure below is worked by hand in docs/england-examples.md ("After the cap").
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/evaluation/projection.h"

using namespace carecap;

namespace {

Decimal pounds(const char* text) { return *Decimal::parse(text); }

struct Projected {
    std::shared_ptr<const RuleSet> rules; // the result points into the rules
    ProjectionResult result;
};

Projected project_care_home(std::int64_t weeks) {
    LoadResult loaded = load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/rules/england/reform.rules");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    ProjectionStart start;
    start.start = *Date::parse("2023-10-02");
    start.weeks = weeks;
    start.capital = Decimal(200000);
    start.income.push_back(IncomeItem{EnumWord{"state_pension", "income"}, Decimal(150)});
    start.weekly_fees = Decimal(2000);
    start.setting = "residential";
    ProjectionOutcome outcome = project(*loaded.rules, start);
    for (auto& e : outcome.errors) FAIL_CHECK(e.render());
    REQUIRE(outcome.result);
    return {loaded.rules, std::move(*outcome.result)};
}

} // namespace

TEST_CASE("after the cap, capital in a care home is spent down to the £20,000 lower limit and no further") {
    // 2,600 weeks (50 years): long enough for the floor to be reached, by the bound worked below.
    Projected p = project_care_home(2600);
    const std::vector<ProjectionWeek>& weeks = p.result.weeks;
    REQUIRE(weeks.size() == 2600);

    // Before the cap, above £100,000: the full £2,000. Income less the personal expenses allowance pays
    // £150 - £28.25 = £121.75 (2023-24), so capital pays £1,878.25. The allowance rises to £30.15 on
    // 2024-04-06, inside week 27 (2024-04-01 to 2024-04-07), which a projection works out on its first day;
    // from week 28 (2024-04-08) income pays £119.85 and capital £1,880.15.
    CHECK(weeks[26].capital_used == pounds("1878.25"));
    CHECK(weeks[27].capital_used == pounds("1880.15"));
    // £2,000 - £200 DLCs = £1,800 a week counts: 47 x £1,800 = £84,600 < £86,000 <= 48 x £1,800, so the cap is
    // reached in week 48 (from 2024-08-26), on its day ceil(£1,400 / (£1,800 / 7)) = ceil(5.44) = 6: 2024-08-31.
    REQUIRE(p.result.meters[0].reached_on);
    CHECK(*p.result.meters[0].reached_on == *Date::parse("2024-08-31"));
    // Capital left: £200,000 - 27 x £1,878.25 - 21 x £1,880.15 = £200,000 - £50,712.75 - £39,483.15.
    CHECK(weeks[48].capital_start == pounds("109804.10"));
    // Week 49, after the cap: still above £100,000, so the means test gives the full cost, and the person
    // pays the lesser of that and the £200 DLCs: £200, of which £200 - £119.85 = £80.15 from capital.
    CHECK(weeks[48].charge == Decimal(200));
    CHECK(weeks[48].pays == Decimal(200));
    CHECK(weeks[48].capital_used == pounds("80.15"));

    // The floor. Below £20,000 there is no tariff: the charge is income less the allowance (under £200), so
    // nothing comes from capital. Between £20,000 and £20,250 the tariff is £1: capital falls by £1 and stays
    // above £19,999. So capital never reaches £19,999, and never moves once at or below £20,000.
    bool at_floor = false;
    std::int64_t floor_week = 0, first_below = 0, first_moved_at_floor = 0; // 0: none (weeks count from 1)
    for (const ProjectionWeek& w : weeks) {
        if (first_below == 0 && w.capital_start <= Decimal(19999)) first_below = w.week;
        if (at_floor && first_moved_at_floor == 0 && !w.capital_used.is_zero()) first_moved_at_floor = w.week;
        if (!at_floor && w.capital_start <= Decimal(20000)) {
            at_floor = true;
            floor_week = w.week;
        }
    }
    CHECK_MESSAGE(first_below == 0, "capital was at or below £19,999 in week ", first_below);
    CHECK_MESSAGE(first_moved_at_floor == 0, "capital still fell once at or below £20,000, in week ", first_moved_at_floor);
    // It is reached: above £40,000 capital falls by at least £80.15 a week, at most (£109,804.10 - £40,000) /
    // £80.15 = 870.9, so 871 weeks; then with £250k to £250(k - 1) above £20,000 the tariff is £k and that band
    // takes at most ceil(250 / k) weeks: 1,277 weeks for k = 80 down to 1. By week 48 + 871 + 1,277 = 2,196.
    CHECK(at_floor);
    CHECK(floor_week <= 2196);
    CHECK(p.result.capital_end > Decimal(19999));
    CHECK(p.result.capital_end <= Decimal(20000));
}

TEST_CASE("after 1,600 weeks the same capital is still on its way down to the floor") {
    // Capital falls by at most £80.65 a week above £40,000 (£200 less the £119.35 income pays from 2025-26), so
    // it is above £40,000 until week 49 + 865 = 914 at least ((£109,804.10 - £40,000) / £80.65 = 865.5); band k
    // (above) then lasts at least floor((249 - k) / k) weeks, 1,117 in all: the floor is not reached before week
    // 914 + 1,117 = 2,031. At 1,600 weeks capital is above £20,000, and falling.
    Projected p = project_care_home(1600);
    CHECK(p.result.capital_end > Decimal(20000));
    CHECK(p.result.capital_end < Decimal(40000));
    CHECK(p.result.weeks.back().capital_used.sign() > 0);
}
