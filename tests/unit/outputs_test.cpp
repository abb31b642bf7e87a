// outputs_test.cpp: `outputs NAME [as ROLE], ...` (docs/language.md, "Outputs"): what the checker refuses,
// and the figures a result reports on each stretch and in total, worked by hand.
#include "rules_helper.h"

using carecap::testing::first_error;
using carecap::testing::header;
using carecap::testing::load_text;

namespace {

// The minimal rules (rules/minimal/cap.rules) cut down: a self-funder meters the weekly cost less £200 daily
// living costs in a care home.
const std::string rules_body =
    "enum care_setting = residential | home\n"
    "input setting : care_setting\n"
    "input weekly_cost : money per week\n"
    "parameter dlc : money per week\n  from 2023-10-01 = £200 per week\n"
    "parameter cap_level : money\n  from 2023-10-01 = £86,000\n"
    "definition dlc_deduction : money per week =\n  when setting = residential : dlc\n  otherwise : £0 per week\n"
    "definition metered_rate : money per week = max(weekly_cost - dlc_deduction, £0 per week)\n"
    "definition share_of(x : money per week) : money per week = x\n"
    "meter care_account\n  rate = metered_rate\n  ceiling = cap_level\n";

// 14 days in a care home at £700 a week, then 7 days at home at £400 a week.
const std::string two_periods =
    R"({"carecap_history": 1, "person": {"id": "P"}, "authority": "A", "care_periods": [
        {"id": "c1", "start": "2023-10-02", "end": "2023-10-15", "setting": "residential", "budget": "independent",
         "weekly_cost": "700"},
        {"id": "c2", "start": "2023-10-16", "end": "2023-10-22", "setting": "home", "budget": "independent",
         "weekly_cost": "400"}]})";

} // namespace

TEST_CASE("outputs: the checker refuses what is not an output, with the reason") {
    auto with = [](const std::string& line) { return first_error(header + rules_body + line + "\n"); };
    CHECK(with("outputs metered_rate, dlc_deduction as paid_by_person") == "");
    CHECK(with("outputs metred_rate") == "an output is a definition; there is no definition `metred_rate`");
    CHECK(with("outputs share_of") == "`share_of` takes arguments: an output is a definition without any");
    CHECK(with("outputs metered_rate as paid_by_persons") == "unknown role `paid_by_persons`");
    CHECK(with("outputs metered_rate as paid_by_person, dlc_deduction as paid_by_person") ==
          "two outputs have the role paid_by_person: `metered_rate` and `dlc_deduction`");
    CHECK(first_error(header + rules_body + "definition c : money = cap_level\noutputs c as spent_by_authority\n") ==
          "the role spent_by_authority totals a money rate; `c` is money");
}

TEST_CASE("outputs: each stretch in care reports them, and money rates are totalled exactly") {
    carecap::LoadResult loaded = load_text(header + rules_body + "outputs metered_rate as paid_by_person, dlc_deduction\n");
    REQUIRE(loaded.rules);
    carecap::JsonResult r = carecap::evaluate_json(*loaded.rules, two_periods, "two.json");
    REQUIRE(r.ok);
    const auto& stretches = r.json["stretches"];
    // In the care home: £700 - £200 = £500 a week metered, £200 deducted; at home: £400 metered, nothing deducted.
    const auto& home_first = stretches.front();
    CHECK(home_first["figures"]["metered_rate"] == "500.00");
    CHECK(home_first["figures"]["dlc_deduction"] == "200.00");
    const auto& at_home = stretches.back();
    CHECK(at_home["figures"]["metered_rate"] == "400.00");
    CHECK(at_home["figures"]["dlc_deduction"] == "0.00");
    // Over the account: £500 x 14/7 + £400 x 7/7 = £1,000 + £400 = £1,400 metered (the meter's own total too);
    // £200 x 14/7 = £400 deducted.
    CHECK(r.json["figure_totals"]["metered_rate"] == "1400.00");
    CHECK(r.json["figure_totals"]["dlc_deduction"] == "400.00");
    CHECK(r.json["meters"][0]["total"] == "1400.00");

    // A choice of figures keeps only those named; an unknown name is an error with "did you mean".
    carecap::JsonResult one = carecap::evaluate_json(*loaded.rules, two_periods, {"dlc_deduction"}, "two.json");
    REQUIRE(one.ok);
    CHECK(one.json["stretches"][0]["figures"].size() == 1);
    CHECK(one.json["figure_totals"]["dlc_deduction"] == "400.00");
    carecap::JsonResult none = carecap::evaluate_json(*loaded.rules, two_periods, std::vector<std::string>{}, "two.json");
    REQUIRE(none.ok);
    CHECK_FALSE(none.json["stretches"][0].contains("figures"));
    CHECK_FALSE(none.json.contains("figure_totals"));
    carecap::JsonResult wrong = carecap::evaluate_json(*loaded.rules, two_periods, {"dlc_deducton"}, "two.json");
    REQUIRE_FALSE(wrong.ok);
    CHECK(wrong.errors.at(0) == "unknown figure `dlc_deducton`: did you mean `dlc_deduction`?");
}

TEST_CASE("outputs: rules without any report none, so their results are as before") {
    carecap::LoadResult loaded = load_text(header + rules_body);
    REQUIRE(loaded.rules);
    carecap::JsonResult r = carecap::evaluate_json(*loaded.rules, two_periods, "two.json");
    REQUIRE(r.ok);
    CHECK_FALSE(r.json["stretches"][0].contains("figures"));
    CHECK_FALSE(r.json.contains("figure_totals"));
}
