// projection_test.cpp: the guidance's own worked figure (004, chapter 2, "The
// reforms and how they will support people"): £145,000 of assets, £239 a week
// of income, care home fees of £683 a week for 5 years: "around 84%" of the
// assets depleted under the current system, "around 57%" under the reform,
// "around £40,000 less". docs/figure-2.md has the arithmetic and assumptions.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/evaluation/projection.h"

using namespace carecap;

namespace {

ProjectionResult run(const std::string& file) {
    LoadResult loaded = load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/rules/england/" + file);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    static std::vector<std::shared_ptr<const RuleSet>> keep; // the result points into the rules
    keep.push_back(loaded.rules);
    ProjectionStart start;
    start.start = *Date::parse("2023-10-02");
    start.weeks = 260;                                   // 5 years
    start.capital = Decimal(145000);
    start.income.push_back(IncomeItem{EnumWord{"state_pension", "income"}, Decimal(239)});
    start.weekly_fees = Decimal(683);
    start.setting = "residential";
    ProjectionOutcome outcome = project(*loaded.rules, start);
    for (auto& e : outcome.errors) FAIL_CHECK(e.render());
    REQUIRE(outcome.result);
    return std::move(*outcome.result);
}

Date start_plus_weeks(Date d, std::int64_t weeks) { return d.plus_days(7 * weeks); }

bool within(const Decimal& value, const Decimal& target, const Decimal& tolerance) {
    Decimal gap = value - target;
    return (gap.is_negative() ? -gap : gap) <= tolerance;
}

} // namespace

TEST_CASE("Figure 2's worked example: about 84% under the current system, about 57% under the reform") {
    ProjectionResult current = run("figure-2-current.rules");
    ProjectionResult reform = run("figure-2-reform.rules");

    // By hand, current system: the person keeps £24.90 of their £239 income, so capital
    // pays £683 - (£239 - £24.90) = £468.90 a week. After 259 weeks capital is
    // £145,000 - 259 x £468.90 = £23,554.90, still above £23,250, so week 260 is
    // self-funded too: 260 x £468.90 = £121,914 lost, 121,914 / 145,000 = 84.08%.
    CHECK(current.capital_lost() == Decimal(121914));
    CHECK(within(current.share_lost() * Decimal(100), Decimal(84), Decimal::ratio(1, 2)));
    // The guidance: "around 57%" and "around £40,000 less" (to £1,000).
    CHECK(within(reform.share_lost() * Decimal(100), Decimal(57), Decimal::ratio(1, 2)));
    CHECK(within(current.capital_lost() - reform.capital_lost(), Decimal(40000), Decimal(1000)));
    // Under the reform the cap is reached before the five years are out.
    REQUIRE(reform.meters[0].reached_on);
    CHECK(*reform.meters[0].reached_on < start_plus_weeks(*Date::parse("2023-10-02"), 260));
}
