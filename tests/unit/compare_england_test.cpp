// compare_england_test.cpp: `carecap compare` over the England rule files, each expected difference worked
// out by hand from the guidance (004) and the histories in examples/england/ (docs/england-examples.md).
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/analyses/compare.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"
#include "stdlib/format.h"

#include <fstream>
#include <sstream>

using namespace carecap;

namespace {

std::shared_ptr<const RuleSet> rules(const std::string& file) {
    LoadResult loaded = load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/rules/england/" + file);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    return loaded.rules;
}

// A history and its two evaluations, kept together: the comparison points into all of them.
struct Compared {
    std::shared_ptr<const RuleSet> a, b;
    History history;
    Evaluation ea, eb;
    Comparison comparison;
};

std::unique_ptr<Compared> compare(const std::string& a, const std::string& b, const std::string& example) {
    auto c = std::make_unique<Compared>();
    c->a = rules(a);
    c->b = rules(b);
    std::ifstream in(std::string(CARECAP_SOURCE_DIR) + "/examples/england/" + example);
    std::stringstream text;
    text << in.rdbuf();
    HistoryLoad loaded = load_history(text.str(), example);
    REQUIRE(loaded.history);
    c->history = *loaded.history;
    c->ea = evaluate_history(*c->a, c->history);
    c->eb = evaluate_history(*c->b, c->history);
    REQUIRE(c->ea.account);
    REQUIRE(c->eb.account);
    c->comparison = compare_accounts(*c->ea.account, *c->eb.account);
    return c;
}

const Difference* find(const Comparison& c, Difference::Figure f, const std::string& meter, const std::string& item = {}) {
    for (auto& d : c.differences)
        if (d.figure == f && d.meter == meter && d.item == item) return &d;
    return nullptr;
}

bool has_cause(const Difference& d, Cause::Kind kind, const std::string& name) {
    for (auto& c : d.causes)
        if (c.kind == kind && c.name == name) return true;
    return false;
}

} // namespace

TEST_CASE("a self-funder in a care home: the current system meters nothing, the reform meters cost less daily living costs") {
    auto c = compare("current.rules", "reform.rules", "residential-self-funder.json");
    const Comparison& cmp = c->comparison;
    CHECK(cmp.differ());
    // By hand: an independent budget of £800 a week less £200 daily living costs (004, 2.2) is £600 a week,
    // from 2023-10-02 to 2024-09-29: 364 days, 52 weeks, 52 x £600 = £31,200 of the £86,000 cap.
    const Difference* total = find(cmp, Difference::Figure::meter_total, "care_account");
    REQUIRE(total);
    CHECK(total->a == "no meter care_account");
    CHECK(total->b == "£31,200.00 of £86,000.00");
    CHECK(has_cause(*total, Cause::Kind::meter, "care_account"));
    // The rate differs over the whole stay, one range however the two timelines are cut.
    const Difference* rate = find(cmp, Difference::Figure::rate, "care_account");
    REQUIRE(rate);
    CHECK(rate->from == *Date::parse("2023-10-02"));
    CHECK(rate->to == *Date::parse("2024-09-29"));
    CHECK(rate->b == "£600.00 per week");
    int rate_ranges = 0;
    for (auto& d : cmp.differences) rate_ranges += d.figure == Difference::Figure::rate && d.meter == "care_account";
    CHECK(rate_ranges == 1);
    // The cause is the meter only the reform declares, with where it is declared.
    REQUIRE(!rate->causes.empty());
    CHECK(rate->causes[0].kind == Cause::Kind::meter);
    CHECK_FALSE(rate->causes[0].a.declared);
    CHECK(rate->causes[0].b.where.find("reform.rules:") != std::string::npos);
    // 52 x £600 = £31,200 is under £86,000: the cap is reached under neither, so no such difference.
    CHECK_FALSE(find(cmp, Difference::Figure::cap_reached, "care_account"));
    // The reform's statements (every 6 months from 2023-10-02: 2024-04-02) have no counterpart.
    const Difference* statement = find(cmp, Difference::Figure::statement, "care_account", "statement");
    REQUIRE(statement);
    CHECK(statement->from == *Date::parse("2024-04-02"));
    CHECK(statement->a == "no statements are declared");
    // Meters and inputs the current system does not declare are said, not failed on.
    bool meter_noted = false;
    for (auto& d : cmp.declarations) meter_noted |= d.what == "meter" && d.name == "care_account" && !d.a.declared;
    CHECK(meter_noted);
}

TEST_CASE("a trailblazer: the earlier reform start is the cause, named on both sides") {
    auto c = compare("reform.rules", "trailblazers-january-2023.rules", "trailblazer.json");
    const Comparison& cmp = c->comparison;
    // By hand (rules/england/trailblazers-january-2023.rules): from 2023-01-02 to 2023-09-30 the national rules are
    // not yet in force, while the trailblazer meters £700 - £200 = £500 a week. On 2023-10-01 both meter £500.
    const Difference* rate = find(cmp, Difference::Figure::rate, "care_account");
    REQUIRE(rate);
    CHECK(rate->from == *Date::parse("2023-01-02"));
    CHECK(rate->to == *Date::parse("2023-09-30"));
    CHECK(rate->b == "£500.00 per week");
    CHECK(has_cause(*rate, Cause::Kind::in_force, "in force from"));
    // Totals: national £500 / 7 = £71.43 (one day); trailblazer 39 weeks x £500 = £19,500.
    const Difference* total = find(cmp, Difference::Figure::meter_total, "care_account");
    REQUIRE(total);
    CHECK(total->a == "£71.43 of £86,000.00");
    CHECK(total->b == "£19,500.00 of £86,000.00");
}

TEST_CASE("the consultation draft against the specification: statements yearly, not half-yearly") {
    auto c = compare("reform.rules", "care-account-specification.rules", "statements.json");
    const Comparison& cmp = c->comparison;
    // Metering is the same on both sides: £1,000 - £200 = £800 a week, so no rate or total differs.
    CHECK_FALSE(find(cmp, Difference::Figure::rate, "care_account"));
    CHECK_FALSE(find(cmp, Difference::Figure::meter_total, "care_account"));
    // The account opens 2023-10-02. The draft issues statements 6 months apart (2024-04-02, 2024-10-02, ...),
    // the specification 12 months apart (2024-10-02, ...): 2024-04-02 is a statement under A only, and its
    // cause is the parameter statement_interval, 6 against 12.
    const Difference* april = nullptr;
    for (auto& d : cmp.differences)
        if (d.figure == Difference::Figure::statement && d.item == "statement" && d.from == *Date::parse("2024-04-02"))
            april = &d;
    REQUIRE(april);
    CHECK(april->a == "issued");
    REQUIRE(has_cause(*april, Cause::Kind::parameter, "statement_interval"));
    for (auto& cause : april->causes)
        if (cause.name == "statement_interval") {
            CHECK(cause.a.text == "6");
            CHECK(cause.b.text == "12");
            CHECK(cause.a.where.find("reform.rules:") != std::string::npos);
            CHECK(cause.b.where.find("care-account-specification.rules:") != std::string::npos);
        }
    // Item 7 of the statement of 2024-10-02: at £800 a week the cap is 86,000 / 800 = 107.5 weeks = 752.5 days
    // away from the opening, so it is reached on day 753, 2023-10-02 + 752 days = 2025-10-23. The draft shows the
    // date only within 12 months (to 2025-10-02): not shown; the specification within 18 (to 2026-04-02): shown.
    const Difference* expected = nullptr;
    for (auto& d : cmp.differences)
        if (d.item == "7. expected to reach the cap" && d.from == *Date::parse("2024-10-02")) expected = &d;
    REQUIRE(expected);
    CHECK(expected->a == "not shown");
    CHECK(expected->b == "2025-10-23");
    CHECK(has_cause(*expected, Cause::Kind::parameter, "expected_date_window"));
}

TEST_CASE("the same rule set against itself: no differences, nothing declared differently") {
    auto c = compare("reform.rules", "reform.rules", "reaching-the-cap.json");
    CHECK_FALSE(c->comparison.differ());
    CHECK(c->comparison.declarations.empty());
}
