// population_test.cpp: population projections (runtime/analyses/population.h) and the starting positions they
// read (population_reader.h), with every expected figure worked out by hand beside it; and a rule parameter
// held at one value (parameter_override.h). docs/population.md.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/analyses/parameter_override.h"
#include "runtime/analyses/population.h"
#include "runtime/analyses/population_reader.h"
#include "runtime/evaluation/inputs.h"

using namespace carecap;

namespace {

std::shared_ptr<const RuleSet> rules(const std::string& file) {
    LoadResult loaded = load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/rules/england/" + file);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    return loaded.rules;
}

const Date first_day = *Date::parse("2023-10-02");

// The guidance's own person (004, 2.1, Figure 2) and the same person with no capital at all.
const char* const two_people =
    "id,age,capital,property,income.state_pension,weekly_fees,setting\n"
    "guidance,80,145000,0,239,683,residential\n"
    "none,80,0,,239.00,683,residential\n";

std::vector<ProjectionStart> starts_of(const PopulationFile& file) {
    std::vector<ProjectionStart> starts;
    for (const PopulationPerson& p : file.people) {
        std::string error;
        auto s = starting_position(p, first_day, 260, error);
        REQUIRE_MESSAGE(s, error);
        starts.push_back(*s);
    }
    return starts;
}

Decimal money(const char* text) { return *Decimal::parse(text); }

} // namespace

TEST_CASE("population: two people under the current system, worked by hand") {
    PopulationFile file = read_population(two_people, "two.csv");
    REQUIRE(file.errors.empty());
    REQUIRE(file.people.size() == 2);
    auto current = rules("figure-2-current.rules");
    PopulationRun run = run_population({current.get()}, starts_of(file), "", 2);
    REQUIRE(run.errors.empty());
    const PersonOutcome& guidance = run.outcomes[0][0];
    const PersonOutcome& none = run.outcomes[0][1];
    // docs/figure-2.md: above the upper limit the person pays the full £683; capital pays £683 - (£239 - £24.90)
    // = £468.90 a week, for all 260 weeks: 260 x £468.90 = £121,914.00. Paid in all: 260 x £683 = £177,580.00,
    // and the authority pays nothing (the fee is the authority's rate, paid in full by the person).
    CHECK(guidance.capital_lost == money("121914.00"));
    CHECK(guidance.paid == money("177580.00"));
    CHECK(guidance.paid_by_authority == Decimal(0));
    CHECK(guidance.share_lost() == money("121914") / money("145000"));  // 84.08%
    CHECK(!guidance.reached_on);                                        // the current system has no cap
    // No capital: no tariff income, so the charge is income less the allowance, £239 - £24.90 = £214.10 a week;
    // 260 x £214.10 = £55,666.00. The authority pays the rest, £683 - £214.10 = £468.90 a week: £121,914.00.
    CHECK(none.capital_lost == Decimal(0));
    CHECK(none.paid == money("55666.00"));
    CHECK(none.paid_by_authority == money("121914.00"));
    // Year 1 (weeks 1 to 52): 52 x £214.10 = £11,133.20 paid, 52 x £468.90 = £24,382.80 by the authority.
    CHECK(none.paid_by_year[0] == money("11133.20"));
    CHECK(none.authority_by_year[0] == money("24382.80"));

    PopulationSummary s = summarise(run.outcomes[0], Decimal(25000), 260);
    CHECK(s.people == 2);
    CHECK(s.paid == money("233246.00"));  // £177,580 + £55,666
    CHECK(s.paid_by_authority == money("121914.00"));
    REQUIRE(s.years.size() == 5);         // 260 weeks = 5 x 52
    CHECK(s.years[0].paid == money("46649.20"));  // 52 x £683 = £35,516 and £11,133.20
    // Wealth bands of £25,000: £0 falls in the first, £145,000 in the sixth (£125,000 to £150,000).
    REQUIRE(s.bands.size() == 6);
    CHECK(s.bands[0].people == 1);
    CHECK(s.bands[0].mean_share_lost == Decimal(0));
    CHECK(s.bands[1].people == 0);
    CHECK(s.bands[5].people == 1);
    CHECK(s.bands[5].low == Decimal(125000));
    CHECK(s.bands[5].mean_share_lost == money("121914") / money("145000"));
}

TEST_CASE("population: the guidance's person under the reform is the person `project` spends down") {
    PopulationFile file = read_population(two_people, "two.csv");
    auto reform = rules("figure-2-reform.rules");
    std::vector<ProjectionStart> starts = starts_of(file);
    PopulationRun run = run_population({reform.get()}, starts, "", 1);
    REQUIRE(run.errors.empty());
    ProjectionOutcome alone = project(*reform, starts[0]);
    REQUIRE(alone.result);
    const PersonOutcome& guidance = run.outcomes[0][0];
    CHECK(guidance.capital_lost == alone.result->capital_lost());
    CHECK(guidance.paid == alone.result->total_paid);
    // docs/figure-2.md: the cap is reached in about week 254 (96 weeks self-funded, then about 158 means-tested).
    // Week 254 starts 253 x 7 = 1,771 days after 2 October 2023, on 7 August 2028: in year 5 (days 1,456 to 1,819).
    REQUIRE(guidance.reached_on);
    CHECK(*guidance.reached_on >= *Date::parse("2028-08-07"));
    CHECK(*guidance.reached_on <= *Date::parse("2028-08-13"));
    CHECK(guidance.reached_in_year == 5);
    // The guidance: "around 57%" lost under the reform.
    CHECK(guidance.share_lost() > money("0.565"));
    CHECK(guidance.share_lost() < money("0.575"));
}

TEST_CASE("population: the same outcomes whatever the number of threads") {
    std::string text = "id,capital,income.state_pension,weekly_fees\n";
    for (int i = 0; i < 12; ++i) text += "p" + std::to_string(i) + "," + std::to_string(i * 20000) + ",239,683\n";
    PopulationFile file = read_population(text, "twelve.csv");
    REQUIRE(file.errors.empty());
    auto reform = rules("figure-2-reform.rules");
    auto one = run_population({reform.get()}, starts_of(file), "", 1);
    auto three = run_population({reform.get()}, starts_of(file), "", 3);
    for (std::size_t p = 0; p < 12; ++p) {
        CHECK(one.outcomes[0][p].capital_lost == three.outcomes[0][p].capital_lost);
        CHECK(one.outcomes[0][p].paid_by_authority == three.outcomes[0][p].paid_by_authority);
    }
}

TEST_CASE("population: JSON lines give the same people as CSV") {
    PopulationFile csv = read_population(two_people, "two.csv");
    PopulationFile json = read_population(
        "{\"id\": \"guidance\", \"age\": 80, \"capital\": \"145000\", \"income\": {\"state_pension\": \"239\"}, \"weekly_fees\": 683}\n"
        "{\"id\": \"none\", \"age\": 80, \"capital\": \"0\", \"income\": {\"state_pension\": \"239.00\"}, \"weekly_fees\": \"683\"}\n",
        "two.jsonl");
    REQUIRE(json.errors.empty());
    REQUIRE(json.people.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(json.people[i].id == csv.people[i].id);
        CHECK(json.people[i].capital == csv.people[i].capital);
        CHECK(json.people[i].weekly_fees == csv.people[i].weekly_fees);
        CHECK(json.people[i].income.at(0).weekly == csv.people[i].income.at(0).weekly);
        CHECK(json.people[i].age == csv.people[i].age);
    }
}

TEST_CASE("population: a bad row is told by its line and column; a file of the wrong kind in one message") {
    auto first_error = [](const char* text) {
        PopulationFile f = read_population(text, "in.csv");
        return f.errors.empty() ? std::string() : f.errors.front() + (f.errors.size() > 1 ? " (and more)" : "");
    };
    CHECK(first_error("id,capital,weekly_fees\na,100.505,600\n") ==
          "in.csv:2: column capital: expected an amount in pounds like 145000 or 239.50, found \"100.505\"");
    CHECK(first_error("id,capital,weekly_fees\na,-5,600\n") == "in.csv:2: column capital: an amount cannot be negative: \"-5\"");
    CHECK(first_error("id,capital\na,5\n") == "in.csv:2: column weekly_fees: missing (the weekly cost of care)");
    CHECK(first_error("id,capital,weekly_fees\na,5\n") == "in.csv:2: expected 3 fields, as the header names, found 2");
    CHECK(first_error("id,captial,weekly_fees\n").find("unknown column \"captial\": did you mean capital?") != std::string::npos);
    CHECK(first_error("id,age,capital,weekly_fees\na,old,5,600\n").find("in.csv:2: column age: expected a whole number") == 0);
    CHECK(first_error("person_id,start,end,setting\n").find("this looks like care periods") != std::string::npos);
    CHECK(first_error("{\"person_id\": \"a\", \"care_periods\": []}\n").find("this looks like care histories") != std::string::npos);
    CHECK(first_error("{\n  \"person_id\": \"a\"\n}\n").find("one JSON document over several lines") != std::string::npos);
    CHECK(first_error("[{\"id\": \"a\"}]").find("a JSON array") != std::string::npos);
}

TEST_CASE("a rule parameter held at one value") {
    auto reform = rules("figure-2-reform.rules");
    CHECK(parameter_cannot_vary(*reform, "cap_levl") ==
          "the rule set england.reform_in_2021_22_prices declares no parameter `cap_levl`: did you mean `cap_level`?");
    CHECK(parameter_cannot_vary(*reform, "cap_level").empty());
    CHECK(parameter_is_money(*reform, "cap_level"));
    PopulationFile file = read_population(two_people, "two.csv");
    std::vector<ProjectionStart> starts = starts_of(file);
    ProjectionOutcome plain = project(*reform, starts[0]);
    // £86,000 is the cap the rules already hold: the same figures.
    auto at_86000 = with_parameter(rules("figure-2-reform.rules"), "cap_level", Decimal(86000));
    ProjectionOutcome same = project(*at_86000, starts[0]);
    REQUIRE(plain.result);
    REQUIRE(same.result);
    CHECK(same.result->capital_end == plain.result->capital_end);
    CHECK(same.result->meters.front().reached_on == plain.result->meters.front().reached_on);
    // A cap of £46,368 is what 96 self-funded weeks meter (96 x (£683 - £200), docs/figure-2.md): reached on the
    // last day of week 96, which starts 95 x 7 = 665 days after 2 October 2023, on 28 July 2025, and ends on
    // 3 August 2025. Capital pays £468.90 a week until then: 96 x £468.90 = £45,014.40. After it the person pays
    // daily living costs only, £200 a week, which income (£214.10 after the allowance) covers, so capital stays.
    // Paid in all: 96 x £683 + 164 x £200 = £65,568 + £32,800 = £98,368.
    auto low = with_parameter(rules("figure-2-reform.rules"), "cap_level", Decimal(46368));
    ProjectionOutcome early = project(*low, starts[0]);
    REQUIRE(early.result);
    REQUIRE(early.result->meters.front().reached_on);
    CHECK(*early.result->meters.front().reached_on == *Date::parse("2025-08-03"));
    CHECK(early.result->capital_lost() == money("45014.40"));
    CHECK(early.result->total_paid == money("98368.00"));
}
