// statement_chart_test.cpp: the progress chart's geometry, exact, and its SVG text.
// The plot area is x 96 to 696 (600 px) and y 24 to 312 (288 px); the top of the plot
// is the cap and a fifth more: 86,000 x 6/5 = 103,200. So a day boundary k days after
// the first day is at x = 96 + 600k / days shown, and an amount a at y = 312 - 288a / 103,200.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/rule_set.h"
#include "runtime/evaluation/account.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"
#include "runtime/reports/statement_chart.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;
using namespace carecap;

namespace {

struct Evaluated {
    std::shared_ptr<const RuleSet> rules;
    std::unique_ptr<History> history;
    std::optional<Account> account;
};

Evaluated evaluate_example(const std::string& name) {
    const fs::path root = CARECAP_SOURCE_DIR;
    Evaluated e;
    LoadResult loaded = load_rules_for_histories((root / "rules/england/reform.rules").string());
    REQUIRE(loaded.rules);
    e.rules = loaded.rules;
    std::ifstream in(root / "examples/england" / (name + ".json"), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    HistoryLoad h = load_history(text.str(), name);
    REQUIRE(h.history);
    e.history = std::make_unique<History>(std::move(*h.history));
    Evaluation ev = evaluate_history(*e.rules, *e.history);
    REQUIRE(ev.account);
    e.account = std::move(ev.account);
    return e;
}

ProgressChart chart_on(const Evaluated& e, const std::string& on) {
    std::string why;
    auto report = statement_report(*e.account, Date::parse(on), why);
    REQUIRE_MESSAGE(report, why);
    return layout_progress_chart(*report);
}

} // namespace

TEST_CASE("chart coordinates are rounded to 0.1 px only when written") {
    CHECK(svg_coordinate(Decimal::ratio(1, 20)) == "0.1");    // 0.05, half away from zero
    CHECK(svg_coordinate(Decimal::ratio(-1, 20)) == "-0.1");
    CHECK(svg_coordinate(Decimal::ratio(1, 30)) == "0.0");    // 0.0333...
    CHECK(svg_coordinate(Decimal(72)) == "72.0");
}

TEST_CASE("chart: statements.json on 2024-04-02, the expected date not shown") {
    auto e = evaluate_example("statements");
    ProgressChart c = chart_on(e, "2024-04-02");
    // The axis runs from the start of 2023-10-02 to the end of 2024-04-02: 184 days.
    CHECK(c.first == *Date::parse("2023-10-02"));
    CHECK(c.last == *Date::parse("2024-04-02"));
    CHECK(c.y_max == Decimal(103200));
    REQUIRE(c.accrued.size() >= 2);
    CHECK(c.accrued.front().x == Decimal(96));
    CHECK(c.accrued.front().y == Decimal(312));
    // The end: x = 96 + 600 x 184 / 184 = 696; y = 312 - 288 x (147,200 / 7) / 103,200 = 312 - 58.684... = 253.315...
    CHECK(c.accrued.back().x == Decimal(696));
    CHECK(c.accrued.back().y == Decimal(312) - Decimal(288) * Decimal::ratio(147200, 7) / Decimal(103200));
    CHECK(svg_coordinate(c.accrued.back().y) == "253.3");
    // Every point lies on the one straight line of £800/7 a day: at x = 96 + 600k/184 the total is 800k/7.
    for (const ChartPoint& p : c.accrued) {
        Decimal k = (p.x - Decimal(96)) * Decimal(184) / Decimal(600);
        CHECK(p.y == Decimal(312) - Decimal(288) * (k * Decimal(800) / Decimal(7)) / Decimal(103200));
    }
    // The cap: y = 312 - 288 x 86,000 / 103,200 = 312 - 240 = 72, across the whole axis.
    REQUIRE(c.cap.size() >= 2);
    for (const ChartPoint& p : c.cap) CHECK(p.y == Decimal(72));
    CHECK(c.cap.front().x == Decimal(96));
    CHECK(c.cap.back().x == Decimal(696));
    REQUIRE(c.markers.size() == 1);
    CHECK(c.markers[0].id == "marker-statement-date");
    CHECK(c.markers[0].x == Decimal(696));
    CHECK(!c.expected_to);
}

TEST_CASE("chart: statements.json on 2025-04-02 runs on to the expected date") {
    auto e = evaluate_example("statements");
    ProgressChart c = chart_on(e, "2025-04-02");
    // The axis ends with 2025-10-23, the day the cap is reached: day 753 from 2023-10-02.
    CHECK(c.last == *Date::parse("2025-10-23"));
    // The statement date's end is day boundary 549: x = 96 + 600 x 549 / 753 = 96 + 437.450... = 533.450...
    REQUIRE(c.markers.size() == 2);
    CHECK(c.markers[0].x == Decimal(96) + Decimal(600 * 549) / Decimal(753));
    CHECK(svg_coordinate(c.markers[0].x) == "533.5");
    CHECK(c.markers[1].id == "marker-expected-date");
    CHECK(c.markers[1].x == Decimal(696));
    // The dashed line from the total on the statement date, 439,200 / 7, to the cap at the expected date:
    // y = 312 - 288 x 439,200 / (7 x 103,200) = 312 - 175.096... = 136.903...
    REQUIRE(c.expected_from);
    REQUIRE(c.expected_to);
    CHECK(svg_coordinate(c.expected_from->y) == "136.9");
    CHECK(c.expected_to->x == Decimal(696));
    CHECK(c.expected_to->y == Decimal(72));
    std::string svg = progress_chart_svg(c);
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("<title id=\"chart-title\">") != std::string::npos);
    CHECK(svg.find("<desc id=\"chart-desc\">") != std::string::npos);
    CHECK(svg.find("x1=\"533.5\"") != std::string::npos);
    CHECK(svg.find("136.9") != std::string::npos);
}

TEST_CASE("round ticks: 1, 2 or 5 times a power of ten") {
    // 0 to 103,200 in at most 6 pieces: 103,200 / 6 = 17,200, so the step is 20,000 (10,000 is too fine).
    std::vector<Decimal> t = round_ticks(Decimal(0), Decimal(103200), 6);
    REQUIRE(t.size() == 6);
    CHECK(t.front() == Decimal(0));
    CHECK(t.back() == Decimal(100000));
    // 0 to 1 in 6: 1/6 = 0.1666..., the step 0.2: 0, 0.2, 0.4, 0.6, 0.8, 1.
    CHECK(round_ticks(Decimal(0), Decimal(1), 6).size() == 6);
    // 0 to 50 in 5: exactly 10 a step: 0, 10, 20, 30, 40, 50.
    CHECK(round_ticks(Decimal(0), Decimal(50), 5).back() == Decimal(50));
}

TEST_CASE("chart axes: round amounts up the side, the first of each month along the bottom") {
    auto e = evaluate_example("statements");
    ProgressChart c = chart_on(e, "2024-04-02");
    // Amounts: 0 to 103,200 in steps of 20,000 (the test above): £0 to £100,000. £20,000 is at
    // y = 312 - 288 x 20,000 / 103,200 = 312 - 55.813... = 256.186...
    REQUIRE(c.gridlines.size() == 6);
    CHECK(c.gridlines[0].second == "£0");
    CHECK(c.gridlines[1].first == Decimal(312) - Decimal(288 * 20000) / Decimal(103200));
    CHECK(svg_coordinate(c.gridlines[1].first) == "256.2");
    CHECK(c.gridlines[5].second == "£100,000");
    // Dates: 2023-10-02 to 2024-04-02 covers the firsts of November to April, 5 months apart at most, so
    // monthly: 6 ticks. 1 November 2023 is 30 days after 2 October: x = 96 + 600 x 30 / 184 = 193.826...
    // 1 April 2024 is 30 + 30 + 31 + 31 + 29 + 31 = 182 days after: x = 96 + 600 x 182 / 184 = 689.478...
    REQUIRE(c.date_ticks.size() == 6);
    CHECK(c.date_ticks[0].second == "Nov 2023");
    CHECK(c.date_ticks[0].first == Decimal(96) + Decimal(600 * 30) / Decimal(184));
    CHECK(c.date_ticks[5].second == "Apr 2024");
    CHECK(svg_coordinate(c.date_ticks[5].first) == "689.5");

    // To 23 October 2025: the firsts of November 2023 to October 2025 are 23 months apart; monthly,
    // every 2 or every 3 months would give 24, 12 or 8 ticks, more than 7; every 6 months, January and
    // July: 4. 1 January 2024 is 30 + 30 + 31 = 91 days after 2 October 2023: x = 96 + 600 x 91 / 753.
    ProgressChart later = chart_on(e, "2025-04-02");
    REQUIRE(later.date_ticks.size() == 4);
    CHECK(later.date_ticks[0].second == "Jan 2024");
    CHECK(later.date_ticks[0].first == Decimal(96) + Decimal(600 * 91) / Decimal(753));
    CHECK(later.date_ticks[3].second == "Jul 2025");
    std::string svg = progress_chart_svg(later);
    CHECK(svg.find(">Jul 2024</text>") != std::string::npos);
    CHECK(svg.find(">£100,000</text>") != std::string::npos);
    CHECK(svg.find("tick-alt") != std::string::npos);
}
