// explain_json_test.cpp: the JSON tree of `carecap explain --format json`
// (docs/explain.md). The figures are worked out by hand, arithmetic beside them.
#include <doctest/doctest.h>

#include "source_tree.h"

#include "carecap/carecap.hpp"

#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace carecap;
namespace fs = std::filesystem;
using carecap::testing::read;
using nlohmann::json;

namespace {

const fs::path source = CARECAP_SOURCE_DIR;

json explain(const std::string& rules, const std::string& history, const ExplainFilter& filter = {}) {
    LoadResult loaded = load_rules_for_histories((source / rules).string());
    REQUIRE(loaded.rules);
    JsonResult r = explain_json(*loaded.rules, read(source / history), filter, history);
    for (auto& e : r.errors) FAIL_CHECK(e);
    REQUIRE(r.ok);
    return r.json;
}

const json* child(const json& figure, const std::string& name) {
    for (const json& c : figure.at("children"))
        if (c.at("name") == name) return &c;
    return nullptr;
}

} // namespace

TEST_CASE("explain JSON: stretches, figures with exact values, substituted expressions and children") {
    json j = explain("rules/minimal/cap.rules", "examples/minimal/three-periods.json");
    CHECK(j.at("carecap_explain") == 1);
    CHECK(j.at("rules").at("name") == "demo.minimal_cap");
    REQUIRE(j.at("stretches").size() == 3);

    const json& first = j["stretches"][0];
    CHECK(first.at("first") == "2023-10-01");
    CHECK(first.at("last") == "2024-09-28");
    CHECK(first.at("days") == 364);
    CHECK(first.at("as_before") == false);
    // 364 days at £500 a week: 52 x £500 = £26,000.
    CHECK(first.at("meters")[0].at("accrued_exact") == "26000");
    CHECK(first.at("meters")[0].at("accrued") == "26000.00");

    const json& rate = first.at("figures")[0];
    CHECK(rate.at("name") == "care_account rate");
    CHECK(rate.at("kind") == "meter_rate");
    const json* metered = child(rate, "metered_rate");
    REQUIRE(metered);
    // £700 - £200 = £500 a week.
    CHECK(metered->at("exact") == "500");
    CHECK(metered->at("value") == "£500.00 per week");
    CHECK(metered->at("unit") == "money per week");
    CHECK(metered->at("expression") == "max(weekly_cost - dlc_deduction, £0 per week)");
    CHECK(metered->at("substituted") ==
          json::array({"max(£700.00 per week - £200.00 per week, £0.00 per week)", "max(£500.00 per week, £0.00 per week)",
                       "£500.00 per week"}));
    CHECK(metered->at("cite") == "004, chapter 2: a self-funder meters what it would cost the authority, less DLCs");
    CHECK(metered->at("rule").get<std::string>().ends_with("rules/minimal/cap.rules:30"));
    // The step tree: max's first operand is the subtraction, worked from its two operands.
    const json& minus = metered->at("steps").at("operands")[0];
    CHECK(minus.at("expression") == "weekly_cost - dlc_deduction");
    CHECK(minus.at("exact") == "500");
    CHECK(minus.at("operands")[0].at("exact") == "700");
    CHECK(minus.at("operands")[1].at("exact") == "200");

    const json* dlc = child(*metered, "dlc_deduction");
    REQUIRE(dlc);
    CHECK(dlc->at("case").at("kind") == "when");
    CHECK(dlc->at("conditions")[0].at("condition") == "setting = residential");
    CHECK(dlc->at("conditions")[0].at("holds") == true);
    CHECK(dlc->at("conditions")[0].at("facts") == "setting is residential");
    REQUIRE(child(*dlc, "daily_living_costs"));
    CHECK(child(*dlc, "daily_living_costs")->at("in_force_from") == "2021-04-01");

    // The second stretch: at home, and the cap is as before.
    const json& second = j["stretches"][1];
    const json& ceiling = second.at("figures")[1];
    CHECK(ceiling.at("name") == "care_account ceiling");
    CHECK(ceiling.at("unchanged") == true);
    CHECK(second.at("figures")[0].at("unchanged") == false);
    // £26,000 + 182 days at £400 a week (26 weeks, £10,400) = £36,400.
    CHECK(second.at("meters")[0].at("total_end_exact") == "36400");

    // The third: the cap is reached on 2026-08-01 after £86,000 - £36,400 = £49,600.
    const json& third = j["stretches"][2];
    CHECK(third.at("meters")[0].at("reached_on") == "2026-08-01");
    CHECK(third.at("meters")[0].at("accrued_exact") == "49600");
}

TEST_CASE("explain JSON: exact values that do not terminate are fractions") {
    // The 12-week property disregard (current.rules) from the first day of care, 2023-10-02, ends
    // 84 days later, on 2023-12-25, and the timeline is cut there into a stretch of one day. £600 a week for
    // 1 day is £600/7 = £85.714..., shown to the penny as 85.71 and exactly as 600/7.
    json j = explain("rules/england/reform.rules", "examples/england/residential-self-funder.json", {"care_account", "2023-12-25"});
    REQUIRE(j.at("stretches").size() == 1);
    const json& s = j["stretches"][0];
    CHECK(s.at("days") == 1);
    REQUIRE(s.at("meters").size() == 1);
    CHECK(s.at("meters")[0].at("accrued") == "85.71");
    CHECK(s.at("meters")[0].at("accrued_exact") == "600/7");
    CHECK(j.at("filter").at("figure") == "care_account");
    CHECK(j.at("filter").at("on") == "2023-12-25");
}
