// statement_json_test.cpp: statement_json, the statement on a date as JSON, over
// the bundled histories. Every figure is worked out by hand beside it (and in
// tests/golden/statement/README.md).
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace carecap;

namespace {

const fs::path root = CARECAP_SOURCE_DIR;

std::string example(const std::string& name) {
    std::ifstream in(root / "examples/england" / (name + ".json"), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const RuleSet& reform() {
    static LoadResult loaded = load_rules_for_histories((root / "rules/england/reform.rules").string());
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    return *loaded.rules;
}

nlohmann::json statement_on(const std::string& history, const std::string& on) {
    JsonResult r = statement_json(reform(), example(history), on, history);
    for (auto& e : r.errors) FAIL_CHECK(e);
    REQUIRE(r.ok);
    CHECK(r.json["carecap_statement"] == 1);
    CHECK(r.json["person"] == history);
    return r.json["statement"];
}

// An amount of the JSON, exactly: KEY_exact ("68000/7") where there is one, else KEY ("9600.00").
Decimal exact(const nlohmann::json& j, const std::string& key) {
    std::string text = j.contains(key + "_exact") ? j[key + "_exact"].get<std::string>() : j[key].get<std::string>();
    std::size_t slash = text.find('/');
    if (slash == std::string::npos) return *Decimal::parse(text);
    return *Decimal::parse(text.substr(0, slash)) / *Decimal::parse(text.substr(slash + 1));
}

std::string first_error(const std::string& history_text, const std::string& on) {
    JsonResult r = statement_json(reform(), history_text, on, "h");
    CHECK(!r.ok);
    return r.errors.empty() ? "" : r.errors.front();
}

} // namespace

TEST_CASE("statement_json: the statement of the schedule on its date, with the seven items") {
    // statements.json: £1,000 a week in a care home, less £200 daily living costs: £800 a week, £800/7 a day,
    // from 2023-10-02. The first statement, 6 months on, is 2024-04-02; 2023-10-02 to 2024-04-02 is 184 days:
    // 184 x 800 / 7 = 147,200 / 7 = £21,028.571...
    auto s = statement_on("statements", "2024-04-02");
    CHECK(s["on_request"] == false);
    CHECK(s["date"] == "2024-04-02");
    CHECK(s["account_opened"] == "2023-10-02");
    CHECK(s["previous_statement"].is_null());
    CHECK(s["authority"] == "Anytown");
    CHECK(s["budget"] == "independent");
    CHECK(s["cap_level"] == "86000.00");
    CHECK(s["total_cost_weekly"] == "1000.00");
    CHECK(s["rate_of_progress_weekly"] == "800.00");
    CHECK(s["daily_living_costs_weekly"] == "200.00");
    CHECK(s["accrued"] == "21028.57");
    CHECK(s["accrued_exact"] == "147200/7");
    CHECK(s["adjustments_since_last"].empty());
    // The cap is reached on 2025-10-23 (568.5 days more, so 569), beyond 12 months (2025-04-02): not given.
    CHECK(s["expected_to_reach_cap"].is_null());
    CHECK(s["every_months"] == 6);
    CHECK(s["expected_within_months"] == 12);
    CHECK(s["cap_reached_on"].is_null());
    CHECK(s["caveat"].get<std::string>().find("subject to verification") != std::string::npos);
    const std::vector<std::string> ids = {"cap-level",    "total-cost",  "rate-of-progress", "daily-living-costs",
                                          "accrued-costs", "adjustments", "expected-date"};
    REQUIRE(s["items"].size() == 7);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        CHECK(s["items"][i]["number"] == i + 1);
        CHECK(s["items"][i]["id"] == ids[i]);
        CHECK(s["items"][i]["field"].is_string());
        CHECK(s.contains(s["items"][i]["field"].get<std::string>()));
    }
    CHECK(s["items"][4]["shown"] == "£21,028.57, 24.45% of the cap"); // 21,028.57 / 86,000 = 0.24452
}

TEST_CASE("statement_json: without a date, the last statement issued on the schedule") {
    // Statements on 2024-04-02, 2024-10-02, 2025-04-02 and 2025-10-02; the history ends 2025-10-05.
    // 2023-10-02 to 2025-10-02 is 731 + 1 = 732 days: 732 x 800 / 7 = 585,600 / 7 = £83,657.142...
    auto s = statement_on("statements", "");
    CHECK(s["date"] == "2025-10-02");
    CHECK(s["on_request"] == false);
    CHECK(s["previous_statement"] == "2025-04-02");
    CHECK(s["accrued_exact"] == "585600/7");
    CHECK(s["accrued"] == "83657.14");
    // 2025-10-23 is within 12 months of 2025-10-02: given.
    CHECK(s["expected_to_reach_cap"] == "2025-10-23");
    CHECK(s["expected_by"] == "the current rate of progress carrying on");
}

TEST_CASE("statement_json: a statement on request between two of the schedule") {
    // 2024-01-01: 2023-10-02 to 2024-01-01 is 30 + 30 + 31 + 1 = 92 days: 92 x 800 / 7 = 73,600 / 7.
    auto s = statement_on("statements", "2024-01-01");
    CHECK(s["on_request"] == true);
    CHECK(s["previous_statement"].is_null());
    CHECK(s["accrued_exact"] == "73600/7");
    CHECK(s["accrued"] == "10514.29");
    CHECK(s["expected_to_reach_cap"].is_null()); // 2025-10-23 is after 2025-01-01
    // The progress pieces run without a gap from the opening to the statement date; with no adjustment each
    // ends where the next starts, and the total at the end of day D is (D - 2023-10-02 + 1) x 800 / 7.
    const auto& progress = s["progress"];
    REQUIRE(!progress.empty());
    CHECK(progress.front()["from"] == "2023-10-02");
    CHECK(progress.front()["start"] == "0.00");
    CHECK(progress.back()["to"] == "2024-01-01");
    const Date opened = *Date::parse("2023-10-02");
    for (std::size_t i = 0; i < progress.size(); ++i) {
        Date to = *Date::parse(progress[i]["to"].get<std::string>());
        Decimal expected_end = Decimal(to - opened + 1) * Decimal(800) / Decimal(7);
        CHECK(exact(progress[i], "end") == expected_end);
        if (i + 1 < progress.size()) {
            CHECK(*Date::parse(progress[i + 1]["from"].get<std::string>()) == to.plus_days(1));
            CHECK(progress[i + 1]["start"] == progress[i]["end"]);
        }
    }
    REQUIRE(s["cap"].size() == 1);
    CHECK(s["cap"][0]["level"] == "86000.00");
    CHECK(s["cap"][0]["to"] == "2024-01-01");

    // 2025-01-15: after the statement of 2024-10-02. 367 days to 2024-10-02, then 29 + 30 + 31 + 15 = 105:
    // 472 x 800 / 7 = 377,600 / 7. 2025-10-23 is within 12 months (2026-01-15): given.
    auto later = statement_on("statements", "2025-01-15");
    CHECK(later["previous_statement"] == "2024-10-02");
    CHECK(later["accrued_exact"] == "377600/7");
    CHECK(later["expected_to_reach_cap"] == "2025-10-23");
}

TEST_CASE("statement_json: adjustments since the last statement, with the totals around them") {
    // adjustments.json: care at home, £500 a week with an independent personal budget, from 2023-10-02; no daily
    // living costs at home. On 2024-03-04, on request:
    // - 2024-02-05, -£1,200 accepted: before it, 2023-10-02 to 2024-02-04 is 126 days: 126 x 500 / 7 = £9,000;
    //   after it £7,800.
    // - 2024-03-04, -£450 refused (3 weeks, under the 6 needed): 154 days to 2024-03-03: 11,000 - 1,200 = £9,800,
    //   unchanged.
    // Accrued at the end of 2024-03-04: 155 x 500 / 7 - 1,200 = 77,500 / 7 - 8,400 / 7 = 69,100 / 7.
    auto s = statement_on("adjustments", "2024-03-04");
    CHECK(s["daily_living_costs_weekly"] == "0.00");
    CHECK(s["accrued_exact"] == "69100/7");
    CHECK(s["accrued"] == "9871.43");
    const auto& a = s["adjustments_since_last"];
    REQUIRE(a.size() == 2);
    CHECK(a[0]["date"] == "2024-02-05");
    CHECK(a[0]["kind"] == "adjusted");
    CHECK(a[0]["total_before"] == "9000.00");
    CHECK(a[0]["total_after"] == "7800.00");
    CHECK(a[1]["kind"] == "adjustment_refused");
    CHECK(a[1]["total_before"] == "9800.00");
    CHECK(a[1]["total_after"] == "9800.00");
    CHECK(s["items"][5]["shown"] == "2 adjustments");
    // The running total steps down on 2024-02-05: a piece ends on 2024-02-04 at £9,000 and the next starts at £7,800.
    bool stepped = false;
    const auto& p = s["progress"];
    for (std::size_t i = 0; i + 1 < p.size(); ++i)
        if (p[i]["to"] == "2024-02-04" && p[i]["end"] == "9000.00" && p[i + 1]["start"] == "7800.00") stepped = true;
    CHECK(stepped);
}

TEST_CASE("statement_json: after the cap is reached, a statement on request shows it reached") {
    // reaching-the-cap.json: £1,800 a week counts; the cap is reached on 2023-10-02 + 334 days = 2024-08-31.
    // The statement due on 2024-10-02 is not issued; asked for, it shows the cap reached and no progress.
    auto s = statement_on("reaching-the-cap", "2024-10-02");
    CHECK(s["on_request"] == true);
    CHECK(s["accrued"] == "86000.00");
    CHECK(s["rate_of_progress_weekly"] == "0.00");
    CHECK(s["cap_reached_on"] == "2024-08-31");
    CHECK(s["expected_to_reach_cap"].is_null());
    CHECK(s["previous_statement"] == "2024-04-02");
}

TEST_CASE("statement_json: why no statement can be given") {
    const std::string history = example("statements");
    CHECK(first_error(history, "2023-09-01") == "h: no care account statement can be given on 2023-09-01: "
                                                "the care account opens on 2023-10-02");
    CHECK(first_error(history, "2025-10-06") == "h: no care account statement can be given on 2025-10-06: "
                                                "the history ends on 2025-10-05: nothing after it is known");
    CHECK(first_error(history, "2024-02-30") == "on: expected a date YYYY-MM-DD, not \"2024-02-30\"");
    // Care ending on 2024-01-31, before the first statement (2024-04-02) is due.
    std::string short_history = history;
    short_history.replace(short_history.find("2025-10-05"), 10, "2024-01-31");
    CHECK(first_error(short_history, "").find("no statement falls due on the schedule before the history ends") !=
          std::string::npos);
    // A bad history is reported by its JSON path, as `carecap eval` does.
    CHECK(first_error("{\"carecap_history\": 1}", "").find("h: ") == 0);
}
