// sweep_figure2_test.cpp: `carecap sweep` reproduces the shape of the guidance's Figure 2 (004, 2.1): the share
// of initial assets depleted after 5 years in a care home at £683 a week with £239 a week of income, by initial
// wealth, under the current system and the reform. The by-hand figures are in docs/figure-2.md.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/analyses/sweep.h"
#include "runtime/analyses/sweep_chart.h"
#include "runtime/reports/svg.h"
#include "runtime/evaluation/inputs.h"

using namespace carecap;

namespace {

std::shared_ptr<const RuleSet> rules(const std::string& file) {
    LoadResult loaded = load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/rules/england/" + file);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    return loaded.rules;
}

SweepSpec figure_2(Decimal from, Decimal to, Decimal step, unsigned threads) {
    SweepSpec spec;
    spec.vary = SweepInput::capital;
    spec.from = from;
    spec.to = to;
    spec.step = step;
    spec.base.start = *Date::parse("2023-10-02");
    spec.base.weeks = 260;
    spec.base.weekly_fees = Decimal(683);
    spec.base.income.push_back(IncomeItem{EnumWord{"state_pension", "income"}, Decimal(239)});
    spec.base.setting = "residential";
    spec.threads = threads;
    return spec;
}

std::size_t index_of(const SweepResult& r, const Decimal& value) {
    for (std::size_t i = 0; i < r.values.size(); ++i)
        if (r.values[i] == value) return i;
    FAIL("no case at " << value.to_exact());
    return 0;
}

} // namespace

TEST_CASE("Figure 2: the current system's curve peaks for modest wealth and the reform's is lower") {
    auto current = rules("figure-2-current.rules");
    auto reform = rules("figure-2-reform.rules");
    SweepResult r = run_sweep({current.get(), reform.get()}, figure_2(0, 500000, 5000, 2));
    REQUIRE(r.errors.empty());
    REQUIRE(r.values.size() == 101); // 0, 5,000, ..., 500,000

    // The current system's highest share lies between £80,000 and £160,000 of initial wealth.
    std::size_t top = 0;
    for (std::size_t p = 0; p < r.values.size(); ++p)
        if (r.cases[0][p].share_lost > r.cases[0][top].share_lost) top = p;
    CHECK(r.values[top] >= Decimal(80000));
    CHECK(r.values[top] <= Decimal(160000));

    // At £145,000 (docs/figure-2.md): under the current system capital pays £683 - (£239 - £24.90) = £468.90 a
    // week for all 260 weeks (after 259 weeks £23,554.90 is left, above £23,250): 260 x £468.90 = £121,914,
    // 121,914 / 145,000 = 84.08%. Exactly:
    std::size_t at = index_of(r, Decimal(145000));
    CHECK(r.cases[0][at].share_lost == Decimal::ratio(121914, 145000));
    // Under the reform, by hand about £82,540 lost, 56.9% ("around 57%" in the guidance): to half a point.
    Decimal reform_percent = r.cases[1][at].share_lost * Decimal(100);
    CHECK(reform_percent > Decimal::ratio(565, 10));
    CHECK(reform_percent < Decimal::ratio(575, 10));
    // The reform's curve is never above the current system's from £0 to £500,000.
    for (std::size_t p = 0; p < r.values.size(); ++p) CHECK(r.cases[1][p].share_lost <= r.cases[0][p].share_lost);
    // With nothing, nothing is lost: £0 of capital is 0% (share_lost is 0 when there was no capital).
    CHECK(r.cases[0][0].share_lost == Decimal(0));
}

TEST_CASE("a sweep's results do not depend on the number of threads") {
    auto current = rules("figure-2-current.rules");
    auto reform = rules("figure-2-reform.rules");
    SweepResult one = run_sweep({current.get(), reform.get()}, figure_2(100000, 160000, 20000, 1));
    SweepResult three = run_sweep({current.get(), reform.get()}, figure_2(100000, 160000, 20000, 3));
    REQUIRE(one.errors.empty());
    REQUIRE(three.errors.empty());
    REQUIRE(one.values.size() == 4);
    for (std::size_t s = 0; s < 2; ++s)
        for (std::size_t p = 0; p < 4; ++p) {
            CHECK(one.cases[s][p].capital_lost == three.cases[s][p].capital_lost);
            CHECK(one.cases[s][p].reached_on == three.cases[s][p].reached_on);
        }
}

TEST_CASE("sweep ranges: a step of 0, a start beyond the end and too many cases are refused") {
    CHECK(sweep_points(figure_2(0, 100, 0, 1)).error.find("--step must be more than 0") != std::string::npos);
    CHECK(sweep_points(figure_2(0, 100, -5, 1)).error.find("--step must be more than 0") != std::string::npos);
    CHECK(sweep_points(figure_2(200, 100, 5, 1)).error.find("is beyond --to") != std::string::npos);
    // 0 to 500,000 in steps of £1 is 500,001 cases, over the limit of 2,000.
    CHECK(sweep_points(figure_2(0, 500000, 1, 1)).error.find("500001 cases") != std::string::npos);
    // 0 to 10 in steps of 3: 0, 3, 6, 9 (10 is not a whole number of steps away).
    SweepPoints p = sweep_points(figure_2(0, 10, 3, 1));
    CHECK(p.error.empty());
    CHECK(p.values == std::vector<Decimal>{0, 3, 6, 9});
    SweepSpec weeks = figure_2(0, 10, 1, 1);
    weeks.vary = SweepInput::weeks;
    CHECK_FALSE(sweep_points(weeks).error.empty()); // 0 weeks is not a projection
}

TEST_CASE("the chart: ticks in £ and %, exact positions rounded only when written") {
    // 0 to £500,000 in about six steps: £100,000 apart. 0 to 100% likewise: 20% apart.
    CHECK(round_ticks(0, 500000, 6) == std::vector<Decimal>{0, 100000, 200000, 300000, 400000, 500000});
    CHECK(round_ticks(0, 1, 6) == std::vector<Decimal>{0, Decimal::ratio(1, 5), Decimal::ratio(2, 5), Decimal::ratio(3, 5),
                                                   Decimal::ratio(4, 5), 1});
    CHECK(axis_label(145000, AxisUnit::pounds) == "£145,000");
    CHECK(axis_label(Decimal::ratio(2, 5), AxisUnit::percent) == "40%");

    LineChart chart;
    chart.title = "Share of initial assets depleted";
    chart.description = "two curves";
    chart.x = {"Initial chargeable capital (£)", AxisUnit::pounds};
    chart.y = {"Share depleted (%)", AxisUnit::percent};
    chart.xs = {0, 145000, 500000};
    chart.series.push_back({"current <system>", {Decimal(0), Decimal::ratio(121914, 145000), std::nullopt}});
    std::string svg = line_chart_svg(chart);
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("<title id=\"chart-title\">Share of initial assets depleted</title>") != std::string::npos);
    CHECK(svg.find("<desc id=\"chart-desc\">two curves</desc>") != std::string::npos);
    CHECK(svg.find(">£100,000</text>") != std::string::npos);
    CHECK(svg.find(">20%</text>") != std::string::npos);
    CHECK(svg.find("current &lt;system&gt;") != std::string::npos); // the legend, escaped
    // The plot runs from x = 96 to 736 and from y = 396 (0%) up to 96 (100%). £145,000 of £500,000:
    // 96 + 145,000 / 500,000 x 640 = 96 + 185.6 = 281.60. 121,914 / 145,000 = 0.8407862...:
    // 396 - 0.8407862 x 300 = 396 - 252.2359 = 143.7641, written 143.76. The missing third value ends the line.
    CHECK(svg.find("points=\"96.00,396.00 281.60,143.76\"") != std::string::npos);
}
